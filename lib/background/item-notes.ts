// Background feature: items' notes for the map page's history charts and Key Review report.
import type { ItemNotesService } from '../services/item-notes';
import { extensionPagesOnly, type Handlers, type SenderPolicy } from './router';

export function itemNotesHandlers(service: ItemNotesService, policy: SenderPolicy): Handlers {
  return {
    'map:notes': extensionPagesOnly(policy, (request) =>
      service.notes(request.baseUrl, request.urls),
    ),
  };
}
