// The "(Did you mean `x`?)" that graphql-ruby appends to unknown field, argument and type errors.
// graphql-ruby hands the known names to Ruby's own did_you_mean spell checker
// (GraphQL::StaticValidation::ValidationContext#did_you_mean_suggestion); this is that checker's
// rule (ruby/did_you_mean: lib/did_you_mean/spell_checker.rb, jaro_winkler.rb, levenshtein.rb),
// rewritten here so the sandbox suggests exactly what GitLab suggests.

/** The suffix graphql-ruby appends to a message: "" when nothing is close enough. */
export function didYouMeanSuffix(name: string, known: Iterable<string>): string {
  const suggestions = spellCheck(name, [...known]);
  if (!suggestions.length) return '';
  if (suggestions.length === 1) return ` (Did you mean \`${suggestions[0]}\`?)`;
  const last = suggestions[suggestions.length - 1];
  const rest = suggestions
    .slice(0, -1)
    .map((s) => `\`${s}\``)
    .join(', ');
  return ` (Did you mean ${rest} or \`${last}\`?)`;
}

/** DidYouMean::SpellChecker#correct. */
export function spellCheck(input: string, dictionary: readonly string[]): string[] {
  const normalized = normalize(input);
  const threshold = normalized.length > 3 ? 0.834 : 0.77;
  const words = dictionary
    .filter((word) => jaroWinkler(normalize(word), normalized) >= threshold)
    .filter((word) => word !== input)
    // Ruby's sort_by is not stable, but ties keep dictionary order in practice; reverse! follows.
    .map((word, index) => ({ word, index, score: jaroWinkler(word, normalized) }))
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .reverse()
    .map((entry) => entry.word);

  // Mistypes: close in edits.
  const mistypeThreshold = Math.ceil(normalized.length * 0.25);
  const mistypes = words.filter(
    (word) => levenshtein(normalize(word), normalized) <= mistypeThreshold,
  );
  if (mistypes.length) return mistypes;
  // Misspellings: the best one only, if it shares more than it changes.
  return words
    .filter((word) => {
      const candidate = normalize(word);
      return levenshtein(candidate, normalized) < Math.min(normalized.length, candidate.length);
    })
    .slice(0, 1);
}

function normalize(text: string): string {
  return text.toLowerCase().replaceAll('@', '');
}

function jaro(first: string, second: string): number {
  let [a, b] = [[...first], [...second]];
  if (a.length > b.length) [a, b] = [b, a];
  const range = b.length > 3 ? Math.floor(b.length / 2) - 1 : 0;
  const flagsA = new Array<boolean>(a.length).fill(false);
  const flagsB = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i += 1) {
    const last = i + range;
    for (let j = i >= range ? i - range : 0; j <= last; j += 1) {
      if (!flagsB[j] && a[i] === b[j]) {
        flagsB[j] = true;
        flagsA[i] = true;
        matches += 1;
        break;
      }
    }
  }
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i += 1) {
    if (!flagsA[i]) continue;
    let j = k;
    let index = k;
    while (j < b.length) {
      index = j;
      if (flagsB[j]) {
        k = j + 1;
        break;
      }
      j += 1;
    }
    if (a[i] !== b[index]) transpositions += 1;
  }
  const t = Math.floor(transpositions / 2);
  return matches === 0
    ? 0
    : (matches / a.length + matches / b.length + (matches - t) / matches) / 3;
}

function jaroWinkler(first: string, second: string): number {
  const distance = jaro(first, second);
  if (distance <= 0.7) return distance;
  const a = [...first];
  const b = [...second];
  let prefix = 0;
  for (const char of a) {
    if (char === b[prefix] && prefix < 4) prefix += 1;
    else break;
  }
  return distance + prefix * 0.1 * (1 - distance);
}

function levenshtein(first: string, second: string): number {
  const a = [...first];
  const b = [...second];
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
