// The map page's line to the background: every answer is validated with the message schemas
// before the page believes it.
import { browser } from 'wxt/browser';
import { askBackground, refused } from '../../lib/ask-background';
import {
  HistoryStepResultSchema,
  InstanceViewSchema,
  ItemNotesResultSchema,
  type ItemNotesResultMessage,
  MapDetailsResultSchema,
  MapResultSchema,
  QuartersResultSchema,
  type InstanceView,
} from '../../lib/messages';
import type {
  DetailsResult,
  HistoryStepResult,
  MapRequest,
  MapResult,
  QuartersResult,
} from '../../lib/services/quarter-map';
import { lastMapScopeItem } from '../../lib/settings';

const ask = askBackground('Reload the page.');

export interface MapBackend {
  instances(): Promise<InstanceView[]>;
  /** The scope the map showed last, where the page opens when its URL names none. */
  lastScope(): Promise<{ baseUrl: string; scope: string[] } | null>;
  quarters(request: Omit<MapRequest, 'quarter'>): Promise<QuartersResult>;
  peek(request: MapRequest): Promise<MapResult | null>;
  load(request: MapRequest): Promise<MapResult>;
  details(request: MapRequest, url: string): Promise<DetailsResult>;
  /** Reads the next few items' notes; the map built with them once all are read. */
  history(request: MapRequest): Promise<HistoryStepResult>;
  openOptions(): void;
  /** Items' notes by URL, for history charts and the Key Review report. */
  notes(baseUrl: string, urls: string[]): Promise<ItemNotesResultMessage>;
}

export const backend: MapBackend = {
  instances: () => ask({ type: 'instances:list' }, InstanceViewSchema.array(), () => []),
  lastScope: () => lastMapScopeItem.getValue().catch(() => null),
  quarters: (request) => ask({ type: 'map:quarters', request }, QuartersResultSchema, refused),
  peek: (request) => ask({ type: 'map:peek', request }, MapResultSchema.nullable(), () => null),
  load: (request) => ask({ type: 'map:load', request }, MapResultSchema, refused),
  details: (request, url) =>
    ask({ type: 'map:details', request, url }, MapDetailsResultSchema, refused),
  history: (request) =>
    ask({ type: 'map:history', request }, HistoryStepResultSchema, (problem) => ({
      ...refused(problem),
      progress: null,
    })),
  openOptions: () => void browser.runtime.openOptionsPage(),
  notes: (baseUrl, urls) =>
    ask({ type: 'map:notes', baseUrl, urls }, ItemNotesResultSchema, refused),
};
