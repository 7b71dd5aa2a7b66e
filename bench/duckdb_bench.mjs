// bench/duckdb_bench.mjs: the benchmark's work in DuckDB (npm @duckdb/node-api), with the
// same rules as libbreach (see bench/README.md) and the same output lines as breach_bench.
//   node duckdb_bench.mjs FILE VENDOR
import { DuckDBInstance } from '@duckdb/node-api';
import { printFigures, printTimes, sqlString, stepClock, vendorStep } from './duckdb_common.mjs';

const [file, vendor] = process.argv.slice(2);
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
const rows = async (sql) => (await con.runAndReadAll(sql)).getRows();
const { times, lap } = stepClock();

await con.run(`CREATE TABLE t AS SELECT CAST(substr(id, 2) AS BIGINT) AS rn, * FROM read_csv('${sqlString(file)}',
  header = true, columns = {'id': 'VARCHAR', 'entity': 'VARCHAR', 'entity_state': 'VARCHAR',
  'breach_types': 'VARCHAR', 'vendor': 'VARCHAR', 'reported': 'DATE', 'occurred_start': 'DATE',
  'affected': 'UBIGINT', 'regions': 'VARCHAR'})`);
lap('load');
// revisions: per (organisation, vendor) the latest notice stands
await con.run(`CREATE TABLE sel AS SELECT * FROM t QUALIFY coalesce(vendor, '') = '' OR
  row_number() OVER (PARTITION BY entity, vendor ORDER BY reported DESC, rn DESC) = 1`);
const [[nIncidents]] = await rows(`SELECT count(*) FROM t`);
const [[nSelected, nBreakdown]] = await rows(`SELECT count(*), count(*) FILTER (WHERE coalesce(regions, '') <> '') FROM sel`);
const regions = await rows(`WITH e AS (SELECT unnest(string_split(regions, ';')) AS r FROM sel WHERE coalesce(regions, '') <> ''),
  g AS (SELECT split_part(r, ':', 1) AS code, sum(CAST(split_part(r, ':', 2) AS UBIGINT)) AS total FROM e GROUP BY code)
  SELECT code, total, total / sum(total) OVER () AS share FROM g ORDER BY total DESC, code LIMIT 5`);
lap('regions');
const { vNotices, vOrgs, curve } = await vendorStep(rows, vendor);
lap('vendor');
const [[nEntities, nRepeat]] = await rows(`SELECT count(*), count(*) FILTER (WHERE k > 1) FROM
  (SELECT entity, count(DISTINCT occurred_start) AS k FROM sel GROUP BY entity)`);
const [[nInt, med, mean, q1, q3]] = await rows(`WITH d AS (SELECT DISTINCT entity, occurred_start AS day FROM sel),
  g AS (SELECT day - lag(day) OVER (PARTITION BY entity ORDER BY day) AS gap FROM d)
  SELECT count(gap), median(gap), avg(gap), quantile_cont(gap, 0.25), quantile_cont(gap, 0.75) FROM g`);
lap('repeats');

printFigures({ nIncidents, nSelected, nBreakdown, regions, vNotices, vOrgs, curve, nRepeat, nEntities,
  nInt, med, mean, q1, q3 });
printTimes(times);
