// bench/duckdb_bench.mjs: the benchmark's work in DuckDB (npm @duckdb/node-api), with the
// same rules as libbreach (see bench/README.md) and the same output lines as breach_bench.
//   node duckdb_bench.mjs FILE VENDOR
import { DuckDBInstance } from '@duckdb/node-api';

const [file, vendor] = process.argv.slice(2);
const q = (s) => s.replaceAll("'", "''");
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
const rows = async (sql) => (await con.runAndReadAll(sql)).getRows();
const times = {};
let t = performance.now();
const lap = (name) => { const n = performance.now(); times[name] = (n - t) / 1000; t = n; };

await con.run(`CREATE TABLE t AS SELECT CAST(substr(id, 2) AS BIGINT) AS rn, * FROM read_csv('${q(file)}',
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
const v = q(vendor);
const [[vNotices, vOrgs]] = await rows(`SELECT count(*), count(DISTINCT entity) FROM t WHERE vendor = '${v}'`);
// the curve: each notice adds its figure minus the figure it revises, summed by date
const curve = await rows(`WITH n AS (SELECT reported, affected - coalesce(lag(affected) OVER (PARTITION BY entity ORDER BY reported, rn), 0) AS delta
    FROM t WHERE vendor = '${v}'), d AS (SELECT reported, sum(delta) AS delta FROM n GROUP BY reported)
  SELECT reported, sum(delta) OVER (ORDER BY reported) AS cum FROM d ORDER BY reported`);
lap('vendor');
const [[nEntities, nRepeat]] = await rows(`SELECT count(*), count(*) FILTER (WHERE k > 1) FROM
  (SELECT entity, count(DISTINCT occurred_start) AS k FROM sel GROUP BY entity)`);
const [[nInt, med, mean, q1, q3]] = await rows(`WITH d AS (SELECT DISTINCT entity, occurred_start AS day FROM sel),
  g AS (SELECT day - lag(day) OVER (PARTITION BY entity ORDER BY day) AS gap FROM d)
  SELECT count(gap), median(gap), avg(gap), quantile_cont(gap, 0.25), quantile_cont(gap, 0.75) FROM g`);
lap('repeats');

const last = curve.length ? curve[curve.length - 1][1] : 0n;
console.log(`incidents ${nIncidents}`);
console.log(`selected ${nSelected}`);
console.log(`with_breakdown ${nBreakdown}`);
for (const [code, total, share] of regions) console.log(`region ${code} ${total} ${Number(share).toFixed(10)}`);
console.log(`vendor_notices ${vNotices}`);
console.log(`vendor_organisations ${vOrgs}`);
console.log(`vendor_individuals ${last}`);
console.log(`vendor_curve_points ${curve.length} last ${last}`);
console.log(`repeat_entities ${nRepeat} of ${nEntities}`);
console.log(`intervals ${nInt} median ${Number(med).toFixed(1)} mean ${Number(mean).toFixed(6)} q1 ${Number(q1).toFixed(2)} q3 ${Number(q3).toFixed(2)}`);
for (const [k, s] of Object.entries(times)) console.error(`time ${k} ${s.toFixed(4)}`);
