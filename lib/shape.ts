// Shapes: the few checks a content script makes on what the background sends it, small enough to
// ship on every GitLab page (zod, even zod/mini, would double the script). A shape is written
// with a small part of zod's own API (`import * as z from './shape'`: `z.object`, `z.string()`,
// `.nullable()`, `z.infer`…), so it reads as a zod schema does; it is the one definition of a
// message: its TypeScript type is inferred from it, the content script checks with it, and the
// background, the popup and the options page turn it into a full zod schema with `zodOf`
// (./shape-zod), which a test holds to the same verdicts. Only what those messages need is
// here: no transforms, no coercion, no custom messages; unknown fields are let through unchecked.

export type ShapeDef =
  | { type: 'string' }
  | { type: 'number'; min?: number; max?: number }
  | { type: 'boolean' }
  | { type: 'literal'; value: string | boolean }
  | { type: 'enum'; options: readonly string[] }
  | { type: 'nullable'; inner: Shape }
  | { type: 'optional'; inner: Shape }
  | { type: 'array'; item: Shape }
  | { type: 'object'; shape: ObjectFields }
  | { type: 'variants'; key: string; options: readonly ObjectShape<ObjectFields>[] };

export type ParseResult<T> = { success: true; data: T } | { success: false; error: ShapeError };

export interface Shape<T = unknown> {
  readonly def: ShapeDef;
  /** Where `value` first departs from the shape (`''`: the value itself), or null when it fits. */
  mismatchOf(value: unknown): string | null;
  /** The value itself when it fits (nothing is copied or stripped), answered as zod answers. */
  safeParse(value: unknown): ParseResult<T>;
  /** The value itself when it fits; throws a `ShapeError` naming where it does not. */
  parse(value: unknown): T;
  nullable(): Shape<T | null>;
  optional(): OptionalShape<T>;
  array(): Shape<T[]>;
  /** Only for inference: never set. */
  readonly _output?: T;
}

export class ShapeError extends Error {
  constructor(readonly path: string) {
    super(`Does not match the expected shape at ${path || 'the top level'}.`);
  }
}

export type output<S> = S extends Shape<infer T> ? T : never;
export type { output as infer };

export type ObjectFields = Record<string, Shape>;
/** A field that may be missing: `.optional()` marks it so in the inferred type. */
export interface OptionalShape<T> extends Shape<T | undefined> {
  readonly isOptional: true;
}
export interface NumberShape extends Shape<number> {
  min(value: number): NumberShape;
  max(value: number): NumberShape;
}
export interface EnumShape<T extends readonly string[]> extends Shape<T[number]> {
  readonly options: T;
}
export interface ObjectShape<F extends ObjectFields> extends Shape<ObjectOf<F>> {
  readonly shape: F;
  extend<G extends ObjectFields>(more: G): ObjectShape<Flat<Omit<F, keyof G> & G>>;
}

type OptionalKeys<F extends ObjectFields> = {
  [K in keyof F]: F[K] extends { isOptional: true } ? K : never;
}[keyof F];
type Flat<T> = { [K in keyof T]: T[K] } & {};
type ObjectOf<F extends ObjectFields> = Flat<
  { [K in Exclude<keyof F, OptionalKeys<F>>]: output<F[K]> } & {
    [K in OptionalKeys<F>]?: output<F[K]>;
  }
>;

function shapeOf<T>(def: ShapeDef, mismatchOf: (value: unknown) => string | null): Shape<T> {
  const safeParse = (value: unknown): ParseResult<T> => {
    const at = mismatchOf(value);
    return at === null
      ? { success: true, data: value as T }
      : { success: false, error: new ShapeError(at) };
  };
  const self: Shape<T> = {
    def,
    mismatchOf,
    safeParse,
    parse(value) {
      const result = safeParse(value);
      if (!result.success) throw result.error;
      return result.data;
    },
    nullable: () =>
      shapeOf({ type: 'nullable', inner: self }, (v) => (v === null ? null : mismatchOf(v))),
    optional: () => ({
      ...shapeOf<T | undefined>({ type: 'optional', inner: self }, (v) =>
        v === undefined ? null : mismatchOf(v),
      ),
      isOptional: true,
    }),
    array: () =>
      shapeOf({ type: 'array', item: self }, (v) => {
        if (!Array.isArray(v)) return '';
        for (let i = 0; i < v.length; i += 1) {
          const at = within(i, mismatchOf(v[i]));
          if (at !== null) return at;
        }
        return null;
      }),
  };
  return self;
}

/** `''` (the value itself is wrong) when `fits` is false. */
const unless = (fits: boolean) => (fits ? null : '');
const within = (key: string | number, at: string | null) =>
  at === null ? null : at ? `${key}.${at}` : String(key);
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const string = () =>
  shapeOf<string>({ type: 'string' }, (v) => unless(typeof v === 'string'));

export const boolean = () =>
  shapeOf<boolean>({ type: 'boolean' }, (v) => unless(typeof v === 'boolean'));

/** A finite number (as in zod, NaN and the infinities are refused), optionally within bounds. */
export const number = (bounds: { min?: number; max?: number } = {}): NumberShape => ({
  ...shapeOf<number>({ type: 'number', ...bounds }, (v) =>
    unless(
      typeof v === 'number' &&
        Number.isFinite(v) &&
        !(v < (bounds.min ?? -Infinity)) &&
        !(v > (bounds.max ?? Infinity)),
    ),
  ),
  min: (min) => number({ ...bounds, min }),
  max: (max) => number({ ...bounds, max }),
});

export const literal = <const T extends string | boolean>(value: T) =>
  shapeOf<T>({ type: 'literal', value }, (v) => unless(v === value));

function enumOf<const T extends readonly string[]>(options: T): EnumShape<T> {
  return {
    ...shapeOf<T[number]>({ type: 'enum', options }, (v) => unless(options.includes(v as string))),
    options,
  };
}
export { enumOf as enum };

export const array = <T>(item: Shape<T>) => item.array();

/** An object with these fields; other fields are let through unchecked. */
export function object<F extends ObjectFields>(shape: F): ObjectShape<F> {
  return {
    ...shapeOf<ObjectOf<F>>({ type: 'object', shape }, (v) => {
      if (!isRecord(v)) return '';
      for (const key in shape) {
        const at = within(key, shape[key]!.mismatchOf(v[key]));
        if (at !== null) return at;
      }
      return null;
    }),
    shape,
    extend: (more) => object({ ...shape, ...more }),
  } as ObjectShape<F>;
}

/** Objects told apart by the literal in field `key`. */
export function discriminatedUnion<const O extends readonly ObjectShape<ObjectFields>[]>(
  key: string,
  options: O,
): Shape<output<O[number]>> {
  return shapeOf({ type: 'variants', key, options }, (v) => {
    if (!isRecord(v)) return '';
    const chosen = options.find((option) => option.shape[key]?.mismatchOf(v[key]) === null);
    return chosen ? chosen.mismatchOf(v) : key;
  });
}
