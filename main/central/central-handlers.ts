/** The contract's `central.*` procedures. */
import type { Handlers } from '../api/dispatcher.ts';
import { ValidationError } from '../errors.ts';
import type { CentralArea } from './central-area.ts';

type CentralHandlers = Pick<Handlers, 'central.getTarget' | 'central.setTarget' | 'central.enqueue' | 'central.sites' | 'central.uploads' | 'central.download'>;

export function createCentralHandlers(d: { central: CentralArea }): CentralHandlers {
  const c = d.central;
  const centralOnly = () => {
    if (!c.mode) throw new ValidationError('This engine is not a central WARD FLUX (start it with "wardflux serve --central").');
  };
  return {
    'central.getTarget': () => c.target.get(),
    'central.setTarget': (input) => c.target.set(input),
    'central.enqueue': (input) => c.enqueue(input),
    'central.sites': () => {
      centralOnly();
      return c.store.sites();
    },
    'central.uploads': (input) => {
      centralOnly();
      return { items: c.store.uploads(input) };
    },
    'central.download': ({ uploadId }) => {
      centralOnly();
      const f = c.store.content(uploadId);
      return { uploadId, filename: f.filename, mimeType: f.mimeType, encoding: 'base64' as const, content: f.data.toString('base64') };
    },
  };
}
