// Items' notes for the map page's history charts and report: on a configured instance, read
// in batches (lib/gitlab/item-history.ts), or a problem a person can act on.
import type { GitLabClient } from '../gitlab/client';
import { loadItemNotes, type ItemNotes } from '../gitlab/item-history';
import type { Problem } from '../messages';
import type { InstanceRecord } from '../settings';
import { problemOf } from './problems';

export type ItemNotesResult =
  | { ok: true; notes: Record<string, ItemNotes>; requests: number }
  | { ok: false; problem: Problem };

export interface ItemNotesPorts {
  instances(): Promise<InstanceRecord[]>;
  clientFor(instance: InstanceRecord): Promise<GitLabClient>;
}

export function createItemNotesService(ports: ItemNotesPorts) {
  return {
    async notes(baseUrl: string, urls: string[]): Promise<ItemNotesResult> {
      const instance = (await ports.instances()).find((record) => record.baseUrl === baseUrl);
      if (!instance) {
        return {
          ok: false,
          problem: {
            kind: 'noInstance',
            message: `${baseUrl} is not set up in OKR Lens. Add it in the options to see histories.`,
          },
        };
      }
      try {
        const { byUrl, requests } = await loadItemNotes(await ports.clientFor(instance), urls);
        return { ok: true, notes: Object.fromEntries(byUrl), requests };
      } catch (error) {
        return { ok: false, problem: problemOf(error) };
      }
    },
  };
}

export type ItemNotesService = ReturnType<typeof createItemNotesService>;
