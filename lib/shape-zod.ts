// The full zod schema of a shape (./shape), for the background, the popup and the options page:
// they compose the content script's message shapes into their own zod schemas and get zod's
// errors (with paths) and its stripping of unknown fields. Same rules as the shape: a test
// checks that both accept and refuse the same values.
import { z } from 'zod';
import type { Shape, ShapeDef } from './shape';

export function zodOf<T>(shape: Shape<T>): z.ZodType<T> {
  return zodOfDef(shape.def) as z.ZodType<T>;
}

function zodOfDef(def: ShapeDef): z.ZodType {
  switch (def.type) {
    case 'string':
      return z.string();
    case 'number': {
      let number = z.number();
      if (def.min !== undefined) number = number.min(def.min);
      if (def.max !== undefined) number = number.max(def.max);
      return number;
    }
    case 'boolean':
      return z.boolean();
    case 'literal':
      return z.literal(def.value);
    case 'enum':
      return z.enum(def.options as [string, ...string[]]);
    case 'nullable':
      return zodOfDef(def.inner.def).nullable();
    case 'optional':
      return zodOfDef(def.inner.def).optional();
    case 'array':
      return z.array(zodOfDef(def.item.def));
    case 'object':
      return z.object(
        Object.fromEntries(
          Object.entries(def.shape).map(([key, field]) => [key, zodOfDef(field.def)]),
        ),
      );
    case 'variants':
      return z.discriminatedUnion(
        def.key,
        def.options.map((option) => zodOfDef(option.def)) as [
          z.ZodObject<z.ZodRawShape>,
          ...z.ZodObject<z.ZodRawShape>[],
        ],
      );
  }
}
