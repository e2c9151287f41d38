// The map names a group or project: its problem headlines speak of the scope, not of "this item"
// as the panel's do, and every other kind keeps the panel's words.
import { describe, expect, it } from 'vitest';
import { mapProblemTitle } from '../../../components/map/map-words';
import { PROBLEM_TITLE } from '../../../components/panel/format';

describe('the map’s problem headlines', () => {
  it('speaks of the group or project where the panel speaks of the item', () => {
    expect(mapProblemTitle('notFound')).toBe('GitLab couldn’t find this group or project');
    expect(mapProblemTitle('okrsUnavailable')).toBe('No OKRs to map here');
    for (const kind of ['notFound', 'forbidden', 'okrsUnavailable', 'notAnOkr'] as const)
      expect(mapProblemTitle(kind)).not.toMatch(/item/);
  });

  it('keeps the panel’s headline for the kinds that are not about the item', () => {
    expect(mapProblemTitle('rateLimited')).toBe(PROBLEM_TITLE.rateLimited);
    expect(mapProblemTitle('noToken')).toBe(PROBLEM_TITLE.noToken);
  });
});
