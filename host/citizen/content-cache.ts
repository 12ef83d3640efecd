/**
 * The information content (guides, jobs, trainings, notices, offices) kept on the terminal, so it
 * still shows when the hall server cannot be reached. One JSON file in the host's data directory,
 * replaced atomically (write a temporary file, fsync it, rename it over, fsync the directory): a power
 * cut leaves the old copy or the new one, never half of one. Public material only: no personal data.
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { IsoDateTime, type CachedContent } from '../../contracts';
import { ContentBundle } from '../../contracts/content';
import { log } from '../log';

const CacheFile = z.object({ fetchedAt: IsoDateTime, content: ContentBundle });
type CacheFile = z.infer<typeof CacheFile>;

export const CONTENT_FILE = 'content-cache.json';

export interface ContentCacheOptions {
  dir: string;
  /** Asks the hall server for the content; `known` is the version held (the server may answer "unchanged"). */
  fetch(known: string | null): Promise<ContentBundle | 'unchanged'>;
  now?: () => number;
}

/** The terminal's copy of the content, refreshed from the hall server when it answers. */
export class ContentCache {
  private held: CacheFile | null = null;
  private loaded = false;
  private readonly now: () => number;

  constructor(private readonly options: ContentCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The content: fetched afresh when the server answers, else the kept copy with its age. */
  async get(): Promise<CachedContent> {
    await this.load();
    let fresh = true;
    try {
      const answer = await this.options.fetch(this.held?.content.version ?? null);
      const fetchedAt = new Date(this.now()).toISOString();
      // "Unchanged" (a 304) keeps the copy held and counts as fresh: its age restarts now.
      if (answer === 'unchanged' && !this.held) throw new Error('the server said unchanged, but no copy is held');
      const next: CacheFile = { fetchedAt, content: answer === 'unchanged' ? this.held!.content : answer };
      await this.save(next);
      this.held = next;
    } catch (error) {
      fresh = false;
      log.warn('content', 'the hall server did not give the content; showing the kept copy', error);
    }
    const held = this.held;
    if (!held) return { content: null, fetchedAt: null, ageMs: null, fresh };
    const ageMs = Math.max(0, this.now() - Date.parse(held.fetchedAt));
    return { content: held.content, fetchedAt: held.fetchedAt, ageMs, fresh };
  }

  private get file(): string {
    return path.join(this.options.dir, CONTENT_FILE);
  }

  private async load(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    try {
      const parsed = CacheFile.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      if (parsed.success) this.held = parsed.data;
      else log.warn('content', 'the kept content does not match the contract; ignoring it');
    } catch {
      // No copy yet (first start) or unreadable: the next fetch writes one.
    }
  }

  private async save(data: CacheFile): Promise<void> {
    await mkdir(this.options.dir, { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(JSON.stringify(data));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, this.file);
    const dir = await open(this.options.dir, 'r');
    try {
      await dir.sync();
    } catch {
      // Some file systems (and Windows) cannot fsync a directory; the rename is still atomic.
    } finally {
      await dir.close();
    }
  }
}
