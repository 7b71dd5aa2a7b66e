// bench/duckdb_expert.mjs: the benchmark's work in DuckDB (npm @duckdb/node-api) as someone
// who knows DuckDB well would write it; same rules (bench/README.md) and same output lines
// as breach_bench, same step times on stderr ("time STEP SECONDS"). The naive version,
// bench/duckdb_bench.mjs, stays beside it; what this one does differently, and why:
//
// - load: read_csv with the columns' types given and nothing sniffed, only the columns the
//   work uses (DuckDB's reader still tokenises the others but converts and stores nothing
//   of them), the vendor's empty field as NULL, and the row number (for "ties: the later
//   row") kept for vendor rows only; insertion order not preserved, so that both threads
//   write the table without ordering their chunks. One table, made once.
// - revisions: rows without a vendor stand as they are, so the window runs over the
//   vendor rows only (3 % of them), and the standing vendor rows go into a small table.
//   The selection is a view: the vendorless rows of the table plus that small table,
//   never a copy of the whole.
// - regions: from the selected rows that have a breakdown (one in ten), read in place.
// - repeats: one group-by per organisation (the first and last day: two distinct days
//   exist iff they differ, with no DISTINCT per group; with exactly two dated notices the
//   gap is their difference), then a window over the rows of the organisations with three
//   or more notices only (a twentieth of them), no DISTINCT (a repeated day is a gap of
//   0, dropped), and all three quartiles in one aggregate.
// - vendor: the naive version's query (a window over one vendor's notices is small
//   already), from bench/duckdb_common.mjs, which both versions print their figures with.
//
//   node duckdb_expert.mjs FILE VENDOR
import os from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { printFigures, printTimes, sqlString, stepClock, vendorStep } from './duckdb_common.mjs';

const [file, vendor] = process.argv.slice(2);
const inst = await DuckDBInstance.create(':memory:', {
  threads: String(os.availableParallelism()),
  preserve_insertion_order: 'false',
});
const con = await inst.connect();
const rows = async (sql) => (await con.runAndReadAll(sql)).getRows();
const { times, lap } = stepClock();

await con.run(`CREATE TABLE t AS
  SELECT entity, nullif(vendor, '') AS vendor, reported, occurred_start AS day, affected,
    nullif(regions, '') AS regions,
    CASE WHEN coalesce(vendor, '') <> '' THEN CAST(substr(id, 2) AS BIGINT) END AS rn
  FROM read_csv('${sqlString(file)}', auto_detect = false, header = true, delim = ',', quote = '"',
    escape = '"', columns = {'id': 'VARCHAR', 'entity': 'VARCHAR', 'entity_state': 'VARCHAR',
    'breach_types': 'VARCHAR', 'vendor': 'VARCHAR', 'reported': 'DATE', 'occurred_start': 'DATE',
    'affected': 'UBIGINT', 'regions': 'VARCHAR'})`);
lap('load');
// revisions: per (organisation, vendor) the latest notice stands; the others all stand
await con.run(`CREATE TABLE v AS SELECT entity, day, regions FROM t WHERE vendor IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY entity, vendor ORDER BY reported DESC, rn DESC) = 1`);
await con.run(`CREATE VIEW sel AS SELECT entity, day, regions FROM t WHERE vendor IS NULL
  UNION ALL SELECT entity, day, regions FROM v`);
const [[nIncidents, nSelected, nBreakdown]] = await rows(`SELECT
  (SELECT count(*) FROM t),
  (SELECT count(*) FROM t WHERE vendor IS NULL) + (SELECT count(*) FROM v),
  (SELECT count(*) FROM sel WHERE regions IS NOT NULL)`);
const regions = await rows(`WITH e AS (SELECT unnest(string_split(regions, ';')) AS r FROM sel
    WHERE regions IS NOT NULL),
  g AS (SELECT split_part(r, ':', 1) AS code, sum(CAST(split_part(r, ':', 2) AS UBIGINT)) AS total
    FROM e GROUP BY code)
  SELECT code, total, total / sum(total) OVER () AS share FROM g ORDER BY total DESC, code LIMIT 5`);
lap('regions');
const { vNotices, vOrgs, curve } = await vendorStep(rows, vendor);
lap('vendor');
// one group-by per organisation: its first and last day tell a repeat organisation (two
// distinct days iff they differ), and one with exactly two dated notices has its one gap
// there; only the organisations with more notices than that go through the window
await con.run(`CREATE TABLE org AS SELECT min(day) < max(day) AS rep,
    CASE WHEN count(day) = 2 AND min(day) < max(day) THEN max(day) - min(day) END AS gap2,
    CASE WHEN count(day) > 2 AND min(day) < max(day) THEN entity END AS multi
  FROM sel GROUP BY entity`);
const [[nEntities, nRepeat]] = await rows(`SELECT count(*), count(*) FILTER (WHERE rep) FROM org`);
// a day seen twice gives a gap of 0 after the window: dropping those is DISTINCT's work
const [[nInt, qs, mean]] = await rows(`WITH g AS (
    SELECT gap2 AS gap FROM org WHERE gap2 IS NOT NULL
    UNION ALL
    SELECT day - lag(day) OVER (PARTITION BY entity ORDER BY day) AS gap FROM sel
      SEMI JOIN (SELECT multi AS entity FROM org WHERE multi IS NOT NULL) USING (entity)
      WHERE day IS NOT NULL QUALIFY gap > 0)
  SELECT count(gap), quantile_cont(gap, [0.25, 0.5, 0.75]), avg(gap) FROM g`);
const [q1, med, q3] = qs ? qs.items : [NaN, NaN, NaN];
lap('repeats');

printFigures({ nIncidents, nSelected, nBreakdown, regions, vNotices, vOrgs, curve, nRepeat, nEntities,
  nInt, med, mean, q1, q3 });
printTimes(times);
