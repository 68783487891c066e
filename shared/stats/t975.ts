/**
 * t₀.₉₇₅ with n − 1 degrees of freedom, for the mean intervals the map and the panel show, without
 * carrying `jstat` (about 52 kB, more than the sandbox and the panel have left of their budgets).
 * The values are jstat's own: a table of `jStat.studentt.inv(0.975, dof)` to 7 decimals for 1–30
 * degrees of freedom, and above 30 the Cornish–Fisher expansion of t in 1/dof (Abramowitz & Stegun
 * 26.7.5, four terms), which stays within 2e-7 of jstat from 31 degrees on (a 95% interval of ± 0.5 moves by 5e-8). test/shared/t975.test.ts
 * checks both against jstat. The command line keeps jstat (student.ts) for Welch's fractional dof.
 */
import { Z95 } from "./intervals";

/** t₀.₉₇₅ for 1…30 degrees of freedom, from jStat.studentt.inv(0.975, dof). */
const TABLE = [
  12.7062047, 4.3026527, 3.1824463, 2.7764451, 2.5705818, 2.4469118, 2.3646242, 2.3060041, 2.2621572, 2.2281388, 2.2009851,
  2.1788128, 2.1603687, 2.1447867, 2.1314495, 2.1199053, 2.1098156, 2.100922, 2.093024, 2.0859634, 2.0796138, 2.0738731,
  2.0686576, 2.0638985, 2.0595385, 2.0555294, 2.0518305, 2.0484071, 2.0452296, 2.0422724,
];

/** t₀.₉₇₅ with a whole number of degrees of freedom (≥ 1); NaN below 1. */
export function t975(dof: number): number {
  if (!(dof >= 1)) return Number.NaN;
  const tabled = TABLE[Math.round(dof) - 1];
  if (tabled !== undefined) return tabled;
  const z = Z95;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  const g1 = (z3 + z) / 4;
  const g2 = (5 * z5 + 16 * z3 + 3 * z) / 96;
  const g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384;
  const g4 = (79 * z ** 9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / 92160;
  return z + g1 / dof + g2 / dof ** 2 + g3 / dof ** 3 + g4 / dof ** 4;
}
