import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { defaultRuleSettings, rules, type Rule, type RuleSettings } from '@/lib/okr';
import {
  RuleSettingsSection,
  type RuleSettingsSectionProps,
} from '@/components/options/RuleSettingsSection';
import { TopLevelObjectivesSection } from '@/components/options/TopLevelObjectivesSection';
import { StalenessSection } from '@/components/options/StalenessSection';
import { BadgeSection, type BadgeSectionProps } from '@/components/options/BadgeSection';
import { SaveStatus } from '@/components/options/SaveStatus';
import { RULE_WORDS } from '@/components/options/rule-words';

function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The markup of one rule's card. */
function cardOf(html: string, ruleId: string): string {
  const start = html.indexOf(`data-rule="${ruleId}"`);
  expect(start, ruleId).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</li>', start));
}

/** The input a label points at. */
function inputLabelled(html: string, label: string): string {
  const forId = new RegExp(`<label for="([^"]+)">${label}</label>`).exec(html)?.[1];
  expect(forId, label).toBeDefined();
  const input = new RegExp(`<input[^>]*id="${forId}"[^>]*>`).exec(html)?.[0];
  expect(input, label).toBeDefined();
  return input!;
}

function checks(overrides: Partial<RuleSettingsSectionProps> = {}): string {
  return renderToStaticMarkup(
    <RuleSettingsSection
      settings={defaultRuleSettings}
      onChange={() => {}}
      onRestoreDefaults={() => {}}
      {...overrides}
    />,
  );
}

describe('Handbook checks', () => {
  it('lists every registered rule with a switch, its severity and its id', () => {
    const html = checks();
    expect(html.match(/role="switch"/g)).toHaveLength(rules.length);
    for (const rule of rules as readonly Rule[]) {
      const card = textOf(cardOf(html, rule.id));
      expect(card).toContain(rule.id);
      expect(card).toContain(RULE_WORDS[rule.id as keyof typeof RULE_WORDS].title);
      expect(card).toContain(
        { error: 'Error', warning: 'Warning', info: 'Suggestion' }[rule.severity],
      );
    }
    expect(textOf(cardOf(html, 'too-many-objectives'))).toContain(
      'A person or team should have no more than 3 Objectives',
    );
  });

  it('has words for every number of every rule, and no words for numbers a rule lacks', () => {
    for (const rule of rules as readonly Rule[]) {
      const words = RULE_WORDS[rule.id as keyof typeof RULE_WORDS];
      const numbers = Object.keys(rule.defaults).filter((key) => key !== 'enabled');
      const worded = Object.keys(words.numbers ?? {});
      if (words.numbersElsewhere) expect(worded, rule.id).toEqual([]);
      else expect(worded.sort(), rule.id).toEqual(numbers.sort());
    }
  });

  it("shows each number beside the handbook's, a margin in percentage points", () => {
    const settings: RuleSettings = {
      ...defaultRuleSettings,
      'key-result-count': { enabled: true, maxKeyResults: 6 },
    };
    const html = checks({ settings });
    const keyResults = cardOf(html, 'key-result-count');
    expect(inputLabelled(keyResults, 'Most key results')).toContain('value="6"');
    expect(textOf(keyResults)).toContain('Handbook: 3');
    const behind = cardOf(html, 'behind-schedule');
    expect(inputLabelled(behind, 'Margin below expected progress')).toContain('value="25"');
    expect(textOf(behind)).toContain('percentage points');
  });

  it('shows a switched-off rule unchecked, with its numbers out of use', () => {
    const settings: RuleSettings = {
      ...defaultRuleSettings,
      'key-result-count': { enabled: false, maxKeyResults: 3 },
    };
    const card = cardOf(checks({ settings }), 'key-result-count');
    expect(card).toMatch(/<input type="checkbox" role="switch"(?![^>]*checked)[^>]*>/);
    expect(inputLabelled(card, 'Most key results')).toContain('disabled');
    const onCard = cardOf(checks({ settings }), 'too-many-objectives');
    expect(onCard).toMatch(/<input type="checkbox" role="switch"[^>]*checked/);
  });

  it('sends the stale-health days to the Staleness section instead of repeating them', () => {
    const card = cardOf(checks(), 'health-stale');
    expect(card).not.toContain('type="number"');
    expect(card).toContain('href="#staleness"');
  });

  it('offers the way back to the handbook, and says Loading before the settings arrive', () => {
    expect(textOf(checks())).toContain('Restore handbook defaults');
    const loading = textOf(checks({ settings: null }));
    expect(loading).toContain('Handbook checks');
    expect(loading).toContain('Loading…');
    expect(loading).not.toContain('Restore handbook defaults');
  });

  it('groups each rule in a fieldset whose legend names it', () => {
    const card = cardOf(checks(), 'one-dri');
    expect(card).toMatch(/<fieldset[^>]*><legend[^>]*>.*One DRI.*<\/legend>/s);
  });
});

describe('Top-level objectives', () => {
  it('lists the entries, each with a Remove button that names it', () => {
    const html = renderToStaticMarkup(
      <TopLevelObjectivesSection
        entries={['https://gitlab.com/g/p/-/work_items/12', 'g/p#3']}
        onChange={() => {}}
      />,
    );
    const text = textOf(html);
    expect(text).toContain('Remove https://gitlab.com/g/p/-/work_items/12');
    expect(text).toContain('Remove g/p#3');
    expect(inputLabelled(html, 'Objective URL or reference')).toContain('type="text"');
  });

  it('says when there are none', () => {
    const html = renderToStaticMarkup(
      <TopLevelObjectivesSection entries={[]} onChange={() => {}} />,
    );
    expect(textOf(html)).toContain('No top-level objectives yet.');
  });
});

describe('Staleness', () => {
  const handbook = { maxAgeDays: 35, businessDayDeadline: 5 };

  it("shows the days next to the handbook's and the holidays as dates", () => {
    const html = renderToStaticMarkup(
      <StalenessSection
        staleness={{ maxAgeDays: 20, businessDayDeadline: 3 }}
        holidays={['2026-12-25']}
        handbook={handbook}
        onStalenessChange={() => {}}
        onHolidaysChange={() => {}}
      />,
    );
    const text = textOf(html);
    expect(inputLabelled(html, 'Too old after')).toContain('value="20"');
    expect(text).toContain('Handbook: 35');
    expect(inputLabelled(html, 'Monthly update due by')).toContain('value="3"');
    expect(text).toContain('Handbook: 5');
    expect(text).toContain('Dec 25, 2026');
    expect(html).toContain('<legend>Holidays</legend>');
    expect(inputLabelled(html, 'Date')).toContain('type="date"');
  });
});

describe('Badge', () => {
  const GITLAB_COM = {
    baseUrl: 'https://gitlab.com',
    hasToken: true,
    tokenWorks: true,
    lastUsedAt: '2026-11-01T00:00:00Z',
  };
  const SELF_MANAGED = { ...GITLAB_COM, baseUrl: 'https://example.com/gitlab' };
  function badge(overrides: Partial<BadgeSectionProps> = {}): string {
    return renderToStaticMarkup(
      <BadgeSection
        watched={[{ baseUrl: 'https://gitlab.com', fullPath: 'gitlab-com/gitlab-okrs' }]}
        refreshMinutes={15}
        defaultMinutes={30}
        instances={[GITLAB_COM]}
        onWatchedChange={() => {}}
        onRefreshMinutesChange={() => {}}
        {...overrides}
      />,
    );
  }

  it('lists watched namespaces with their instance, and the interval beside the default', () => {
    const html = badge();
    const text = textOf(html);
    expect(text).toContain('gitlab-com/gitlab-okrs on https://gitlab.com');
    expect(text).toContain('Remove gitlab-com/gitlab-okrs on https://gitlab.com');
    expect(inputLabelled(html, 'Check every')).toContain('value="15"');
    expect(text).toContain('Default: 30');
    // One instance: nothing to choose.
    expect(html).not.toContain('<select');
  });

  it('asks which instance when there are several, and for an instance when there is none', () => {
    expect(badge({ instances: [GITLAB_COM, SELF_MANAGED] })).toContain('<select');
    expect(textOf(badge({ instances: [] }))).toContain('Add a GitLab instance above');
  });

  it('starts the Watch form on the instance with a token, and marks the one without', () => {
    const html = badge({
      instances: [{ ...GITLAB_COM, hasToken: false, tokenWorks: false }, SELF_MANAGED],
    });
    expect(html).toMatch(/<option value="https:\/\/example.com\/gitlab" selected="">/);
    expect(textOf(html)).toContain('https://gitlab.com (no token)');
  });

  it('says under a watch why it is not checked', () => {
    const text = textOf(
      badge({
        watchProblem: () => ({ kind: 'notFound', message: 'GitLab did not find it.' }),
      }),
    );
    expect(text).toContain('gitlab-com/gitlab-okrs on https://gitlab.com');
    expect(text).toContain('Not checked. GitLab did not find it.');
  });
});

describe('Save status', () => {
  it('stays quiet until there is something to say', () => {
    expect(textOf(renderToStaticMarkup(<SaveStatus state="idle" />))).toBe('');
    expect(textOf(renderToStaticMarkup(<SaveStatus state="saved" />))).toBe('Saved');
    expect(renderToStaticMarkup(<SaveStatus state="saved" />)).toContain('role="status"');
    expect(textOf(renderToStaticMarkup(<SaveStatus state="failed" />))).toContain('Not saved');
  });
});
