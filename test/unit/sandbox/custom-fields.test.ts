// Custom fields (definitions on top-level groups, values on work items, GitLab's system notes and
// refusals) and custom work item types (the northwind "Key result"), with their version gates.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/server';
import { customFieldNote, numberWithPrecision } from '../../sandbox/store';
import { graphqlAt, start, widget } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await start();
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

interface FieldNode {
  id: string;
  name: string;
  fieldType: string;
  active: boolean;
  workItemTypes: { id: string; name: string }[];
}

async function fieldsOf(group: string, args = '') {
  const answer = await graphqlAt(
    sandbox,
    `{ group(fullPath: "${group}") { customFields${args ? `(${args})` : ''} { count nodes { id name fieldType active workItemTypes { id name } } } } }`,
  );
  expect(answer.json.errors).toBeUndefined();
  return (answer.json.data?.group as { customFields: { count: number; nodes: FieldNode[] } })
    .customFields.nodes;
}

const ITEM = `query I($path: ID!, $iid: String!) {
  namespace(fullPath: $path) {
    workItem(iid: $iid) {
      id workItemType { id name }
      widgets {
        type
        ... on WorkItemWidgetCustomFields { customFieldValues { customField { id name fieldType } ... on WorkItemNumberFieldValue { value } } }
        ... on WorkItemWidgetNotes { notes(filter: ONLY_ACTIVITY) { nodes { body author { username } } } }
        ... on WorkItemWidgetHierarchy { parent { iid workItemType { name } } }
      }
    }
  }
}`;

async function item(key: string) {
  const { fullPath, iid } = sandbox.item(key);
  const answer = await graphqlAt(sandbox, ITEM, { path: fullPath, iid });
  expect(answer.json.errors).toBeUndefined();
  return (answer.json.data?.namespace as { workItem: Record<string, unknown> }).workItem;
}

const valuesOf = async (key: string) =>
  Object.fromEntries(
    widget<{ customFieldValues: { customField: { name: string }; value: number | null }[] }>(
      await item(key),
      'CUSTOM_FIELDS',
    ).customFieldValues.map((v) => [v.customField.name, v.value]),
  );

const notesOf = async (key: string) =>
  widget<{ notes: { nodes: { body: string }[] } }>(await item(key), 'NOTES').notes.nodes.map(
    (n) => n.body,
  );

const UPDATE = `mutation U($input: WorkItemUpdateInput!) {
  workItemUpdate(input: $input) { errors workItem { id } }
}`;
const CREATE = `mutation C($input: WorkItemCreateInput!) {
  workItemCreate(input: $input) { errors workItem { id iid workItemType { name } } }
}`;

describe('custom field definitions (group.customFields)', () => {
  it('lists a top-level group’s fields, active first, filtered by state, type and work item type', async () => {
    const all = await fieldsOf('acme');
    expect(all.map((f) => [f.name, f.fieldType, f.active])).toEqual([
      ['Current', 'NUMBER', true],
      ['Start', 'NUMBER', true],
      ['Target', 'NUMBER', true],
      ['Confidence', 'TEXT', false],
    ]);
    expect(all[0]?.id).toMatch(/^gid:\/\/gitlab\/Issuables::CustomField\/\d+$/);
    expect((await fieldsOf('acme', 'active: true, fieldType: NUMBER')).map((f) => f.name)).toEqual([
      'Current',
      'Start',
      'Target',
    ]);
    expect(await fieldsOf('acme', 'active: false')).toHaveLength(1);
    expect(
      (await fieldsOf('acme', 'workItemTypeId: "gid://gitlab/WorkItems::Type/8"')).map(
        (f) => f.name,
      ),
    ).toEqual(['Current', 'Start', 'Target']);
    const northwind = await fieldsOf('northwind', 'active: true');
    expect(northwind.map((f) => f.workItemTypes)).toEqual([
      [{ id: 'gid://gitlab/WorkItems::Type/1001', name: 'Key result' }],
      [{ id: 'gid://gitlab/WorkItems::Type/1001', name: 'Key result' }],
      [{ id: 'gid://gitlab/WorkItems::Type/1001', name: 'Key result' }],
    ]);
    expect(await fieldsOf('gitlab-org')).toEqual([]);
  });
});

describe('custom field values', () => {
  it('reads every active field of the item’s type, set or not', async () => {
    expect(await valuesOf('acme-kr-1-2')).toEqual({ Current: 4, Start: 0, Target: 10 });
    expect(await valuesOf('acme-objective-1')).toEqual({
      Current: null,
      Start: null,
      Target: null,
    });
    expect(await valuesOf('nw-kr-1')).toEqual({ Current: 3.8, Start: 5, Target: 2 });
  });

  it('the seed wrote GitLab’s notes for each value, dated when it was set', async () => {
    const notes = await notesOf('nw-kr-1');
    expect(notes).toContain('<p>changed Start to <code class="idiff">5</code></p>');
    expect(notes).toContain('<p>changed Current to <code class="idiff">3.8</code></p>');
  });

  it('writes a number with customFieldsWidget: only a change writes a note, clearing says removed', async () => {
    const kr = sandbox.item('acme-kr-1-2');
    const fields = await fieldsOf('acme', 'active: true');
    const current = fields.find((f) => f.name === 'Current')?.id;
    const before = (await notesOf('acme-kr-1-2')).length;
    const write = (numberValue: number | null) =>
      graphqlAt(sandbox, UPDATE, {
        input: { id: kr.gid, customFieldsWidget: [{ customFieldId: current, numberValue }] },
      });
    expect((await write(6.25)).json.data).toEqual({
      workItemUpdate: { errors: [], workItem: { id: kr.gid } },
    });
    await write(6.25);
    expect(await valuesOf('acme-kr-1-2')).toMatchObject({ Current: 6.25 });
    await write(null);
    expect(await valuesOf('acme-kr-1-2')).toMatchObject({ Current: null });
    const notes = (await notesOf('acme-kr-1-2')).slice(before);
    expect(notes).toEqual([
      '<p>changed Current to <code class="idiff">6.25</code></p>',
      '<p>removed Current: <code class="idiff">6.25</code></p>',
    ]);
  });

  it('refuses a field the item does not have in GitLab’s words, and writes nothing', async () => {
    const kr = sandbox.item('acme-kr-1-2');
    const northwindField = (await fieldsOf('northwind'))[0]?.id ?? '';
    const inactive = (await fieldsOf('acme', 'active: false'))[0]?.id ?? '';
    const current = (await fieldsOf('acme')).find((f) => f.name === 'Current')?.id;
    for (const bad of [northwindField, inactive]) {
      const answer = await graphqlAt(sandbox, UPDATE, {
        input: {
          id: kr.gid,
          title: 'Renamed',
          customFieldsWidget: [
            { customFieldId: current, numberValue: 9 },
            { customFieldId: bad, numberValue: 1 },
          ],
        },
      });
      expect(answer.json.data).toEqual({
        workItemUpdate: {
          errors: [`Invalid custom field ID: ${bad.split('/').at(-1)}`],
          workItem: null,
        },
      });
    }
    expect(await valuesOf('acme-kr-1-2')).toMatchObject({ Current: 4 });
    expect(sandbox.item('acme-kr-1-2').title).not.toBe('Renamed');
  });

  it('sets values in the create request', async () => {
    const fields = await fieldsOf('northwind');
    const id = (name: string) => fields.find((f) => f.name === name)?.id;
    const answer = await graphqlAt(sandbox, CREATE, {
      input: {
        namespacePath: 'northwind/roadmap',
        title: 'Open two new depots',
        workItemTypeId: 'gid://gitlab/WorkItems::Type/1001',
        hierarchyWidget: { parentId: sandbox.item('nw-objective').gid },
        customFieldsWidget: [
          { customFieldId: id('Start'), numberValue: 0 },
          { customFieldId: id('Target'), numberValue: 2 },
        ],
      },
    });
    const created = answer.json.data?.workItemCreate as {
      errors: string[];
      workItem: { iid: string; workItemType: { name: string } };
    };
    expect(created.errors).toEqual([]);
    expect(created.workItem.workItemType.name).toBe('Key result');
    const read = await graphqlAt(sandbox, ITEM, {
      path: 'northwind/roadmap',
      iid: created.workItem.iid,
    });
    const values = widget<{
      customFieldValues: { customField: { name: string }; value: number | null }[];
    }>(
      (read.json.data?.namespace as { workItem: unknown }).workItem,
      'CUSTOM_FIELDS',
    ).customFieldValues;
    expect(Object.fromEntries(values.map((v) => [v.customField.name, v.value]))).toEqual({
      Current: null,
      Start: 0,
      Target: 2,
    });
  });

  it('formats notes as GitLab does: three decimals at most, names and values escaped', () => {
    expect(numberWithPrecision(12)).toBe('12');
    expect(numberWithPrecision(0.5)).toBe('0.5');
    expect(numberWithPrecision(2 / 3)).toBe('0.667');
    expect(numberWithPrecision(-1.2345)).toBe('-1.235');
    expect(customFieldNote({ name: '<b>Score</b>', fieldType: 'TEXT' }, ' high ', null)).toBe(
      '<p>changed &lt;b&gt;Score&lt;/b&gt; to <code class="idiff">high</code></p>',
    );
  });
});

describe('custom work item types', () => {
  it('northwind/roadmap lists "Key result" with the issue’s widgets and no OKR types', async () => {
    const answer = await graphqlAt(
      sandbox,
      `{ namespace(fullPath: "northwind/roadmap") { workItemTypes { nodes { id name widgetDefinitions { type ... on WorkItemWidgetDefinitionHierarchy { allowedParentTypes { nodes { name } } allowedChildTypes { nodes { name } } } } } } } }`,
    );
    const nodes = (
      answer.json.data?.namespace as {
        workItemTypes: {
          nodes: { id: string; name: string; widgetDefinitions: { type: string }[] }[];
        };
      }
    ).workItemTypes.nodes;
    expect(nodes.map((t) => t.name)).toEqual(['Issue', 'Task', 'Key result']);
    const custom = nodes.find((t) => t.name === 'Key result');
    const issue = nodes.find((t) => t.name === 'Issue');
    expect(custom?.id).toBe('gid://gitlab/WorkItems::Type/1001');
    expect(custom?.widgetDefinitions).toEqual(issue?.widgetDefinitions);
    expect(custom?.widgetDefinitions.map((d) => d.type)).not.toContain('PROGRESS');
  });

  it('its items sit under epics, and are found by workItemTypeIds but not by types', async () => {
    expect(widget(await item('nw-kr-1'), 'HIERARCHY')).toMatchObject({
      parent: { workItemType: { name: 'Epic' } },
    });
    const count = async (args: string) => {
      const answer = await graphqlAt(
        sandbox,
        `{ project(fullPath: "northwind/roadmap") { workItems(${args}) { count } } }`,
      );
      return (answer.json.data?.project as { workItems: { count: number } }).workItems.count;
    };
    expect(await count('workItemTypeIds: ["gid://gitlab/WorkItems::Type/1001"]')).toBe(3);
    expect(await count('types: [ISSUE]')).toBe(0);
    expect(await count('not: { workItemTypeIds: ["gid://gitlab/WorkItems::Type/1001"] }')).toBe(0);
  });

  it('are refused at group level and in other top-level groups', async () => {
    for (const namespacePath of ['northwind', 'acme/engineering']) {
      const answer = await graphqlAt(sandbox, CREATE, {
        input: { namespacePath, title: 'x', workItemTypeId: 'gid://gitlab/WorkItems::Type/1001' },
      });
      expect(answer.json.data).toEqual({
        workItemCreate: {
          errors: ['Work item type with id gid://gitlab/WorkItems::Type/1001 is not available'],
          workItem: null,
        },
      });
    }
  });
});

describe('the page of a custom type item', () => {
  it('shows the custom fields in the sidebar and GitLab’s HTML notes rendered, not as text', async () => {
    const page = await (await fetch(sandbox.urlOf('nw-kr-1'))).text();
    expect(page).toContain('data-field-name="Current"');
    expect(page).toContain('changed Current to <code class="idiff">3.8</code>');
    expect(page).not.toContain('&lt;code class=');
  });
});

describe('version gates', () => {
  const onVersion = async (version: string, run: (s: Sandbox) => Promise<void>) => {
    const old = await start(version);
    try {
      await run(old);
    } finally {
      await old.close();
    }
  };

  it('custom types do not exist before 19.1; custom field values need 17.9, writes 17.10', async () => {
    await onVersion('19.0', async (old) => {
      const types = await graphqlAt(
        old,
        `{ namespace(fullPath: "northwind/roadmap") { workItemTypes { nodes { name } } workItems(first: 10) { count } } }`,
      );
      expect(types.json.data).toEqual({
        namespace: {
          workItemTypes: { nodes: [{ name: 'Issue' }, { name: 'Task' }] },
          workItems: { count: 0 },
        },
      });
    });
    await onVersion('17.8', async (old) => {
      const read = await graphqlAt(
        old,
        `{ group(fullPath: "acme") { workItems(first: 1) { nodes { widgets { type ... on WorkItemWidgetCustomFields { type } } } } } }`,
      );
      expect(read.json.errors?.[0]?.message).toMatch(/WorkItemWidgetCustomFields/);
      const types = await graphqlAt(
        old,
        `{ group(fullPath: "acme") { workItems(first: 1) { nodes { widgets { type } } } } }`,
      );
      const nodes = (
        types.json.data?.group as { workItems: { nodes: { widgets: { type: string }[] }[] } }
      ).workItems.nodes;
      expect(nodes[0]?.widgets.map((w) => w.type)).not.toContain('CUSTOM_FIELDS');
    });
    await onVersion('17.9', async (old) => {
      const write = await graphqlAt(
        old,
        `mutation { workItemUpdate(input: { id: "${old.item('acme-kr-1-1').gid}", customFieldsWidget: [] }) { errors } }`,
      );
      expect(write.json.errors?.[0]?.message).toMatch(/customFieldsWidget/);
    });
  });

  it('rolledUpWeight needs 17.2 and rolledUpCompletedWeight 17.3', async () => {
    await onVersion('17.2', async (old) => {
      const answer = await graphqlAt(
        old,
        `{ group(fullPath: "acme") { workItems(first: 1) { nodes { widgets { ... on WorkItemWidgetWeight { rolledUpWeight rolledUpCompletedWeight } } } } } }`,
      );
      expect(answer.json.errors?.map((e) => e.message)).toEqual([
        "Field 'rolledUpCompletedWeight' doesn't exist on type 'WorkItemWidgetWeight'",
      ]);
    });
  });
});
