/** A share as the Quality and Model pages write it: "87.5 %", or "—" where there is none. */
export const percent = (value: number | null | undefined, digits = 1) =>
  value == null ? '—' : `${(value * 100).toFixed(digits)} %`;
