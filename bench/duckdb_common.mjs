// bench/duckdb_common.mjs: what the two DuckDB versions (duckdb_bench.mjs, the naive one,
// and duckdb_expert.mjs) do alike, one copy: the vendor step, which the expert version
// has no better way to write, and the output, so that both print their figures exactly as
// breach_bench does and bench/run compares them line by line: the figures on stdout, the
// step times on stderr ("time STEP SECONDS").

// A string as an SQL literal's content: quotes doubled.
export const sqlString = (s) => s.replaceAll("'", "''");

// The step clock: lap(name) records the seconds since the previous lap (or since the
// clock was made) under name, in the order of the steps.
export function stepClock() {
  const times = {};
  let t = performance.now();
  const lap = (name) => { const n = performance.now(); times[name] = (n - t) / 1000; t = n; };
  return { times, lap };
}

// The vendor step over table t (entity, vendor, reported, affected, rn: the row number,
// for ties, at least on the vendor's rows): its notices, its organisations, and its curve
// of individuals by date, rows [reported, cumulative]. rows(sql) runs a query.
export async function vendorStep(rows, vendor) {
  const v = sqlString(vendor);
  const [[vNotices, vOrgs]] = await rows(`SELECT count(*), count(DISTINCT entity) FROM t WHERE vendor = '${v}'`);
  // the curve: each notice adds its figure minus the figure it revises, summed by date
  const curve = await rows(`WITH n AS (SELECT reported, affected - coalesce(lag(affected) OVER (PARTITION BY entity ORDER BY reported, rn), 0) AS delta
      FROM t WHERE vendor = '${v}'), d AS (SELECT reported, sum(delta) AS delta FROM n GROUP BY reported)
    SELECT reported, sum(delta) OVER (ORDER BY reported) AS cum FROM d ORDER BY reported`);
  return { vNotices, vOrgs, curve };
}

// The figures as breach_bench prints them. regions: rows [code, total, share], the five
// largest; curve: rows [reported, cumulative], by date (empty: the vendor has no notice,
// 0 individuals); the interval figures may be NaN when there are no intervals.
export function printFigures(f) {
  const last = f.curve.length ? f.curve[f.curve.length - 1][1] : 0n;
  console.log(`incidents ${f.nIncidents}`);
  console.log(`selected ${f.nSelected}`);
  console.log(`with_breakdown ${f.nBreakdown}`);
  for (const [code, total, share] of f.regions) console.log(`region ${code} ${total} ${Number(share).toFixed(10)}`);
  console.log(`vendor_notices ${f.vNotices}`);
  console.log(`vendor_organisations ${f.vOrgs}`);
  console.log(`vendor_individuals ${last}`);
  console.log(`vendor_curve_points ${f.curve.length} last ${last}`);
  console.log(`repeat_entities ${f.nRepeat} of ${f.nEntities}`);
  console.log(`intervals ${f.nInt} median ${Number(f.med).toFixed(1)} mean ${Number(f.mean).toFixed(6)} q1 ${Number(f.q1).toFixed(2)} q3 ${Number(f.q3).toFixed(2)}`);
}

export function printTimes(times) {
  for (const [k, s] of Object.entries(times)) console.error(`time ${k} ${s.toFixed(4)}`);
}
