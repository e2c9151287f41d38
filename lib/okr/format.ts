// How numbers appear in explanations: percentages with at most one decimal, plain numbers
// without trailing zeros, so a person can redo the arithmetic from the text.

/** 0.69444 → "69.4"; 0.5 → "50". */
export function percentNumber(fraction: number): string {
  return plain(Math.round(fraction * 1000) / 10);
}

/** 0.69444 → "69.4%". */
export function percent(fraction: number): string {
  return `${percentNumber(fraction)}%`;
}

/** A number with at most two decimals and no trailing zeros: 2.5, 17, 0.33. */
export function plain(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

export function clamp01(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
