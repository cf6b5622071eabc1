// dat.bcg log risk ratios as metafor computes them:
// escalc(measure="RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg) (metafor 3.8-1).
export const BCG_RR = {
  effect: [
    -0.8893113339202054, -1.5853886572014306, -1.3480731482996933, -1.4415511900213054, -0.21754732221129558, -0.786115585818864, -1.6208982235983918,
    0.011952333523840508, -0.4694176487381494, -1.3713448034727844, -0.3393588283383906, 0.44591340057137874, -0.017313948216879815,
  ],
  variance: [
    0.32558476500396133, 0.19458112139814385, 0.4153679653679654, 0.020010031902247573, 0.05121017216963086, 0.0069056184559087574, 0.22301724757231517,
    0.0039615792978177295, 0.056434210463248966, 0.07302479361302891, 0.01241221397155972, 0.5325058452001528, 0.0714046596839863,
  ],
  year: [1948, 1949, 1960, 1977, 1973, 1953, 1973, 1980, 1968, 1961, 1974, 1969, 1976],
} as const;

export function bcg() {
  return { effect: [...BCG_RR.effect], variance: [...BCG_RR.variance], study: BCG_RR.year.map((y, i) => `S${i + 1} ${y}`) };
}

/** No NaN or Infinity anywhere (results must use null). */
export function expectFiniteJson(x: unknown): void {
  JSON.stringify(x, (_k, v) => {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`non-finite number in result: ${v}`);
    return v;
  });
}
