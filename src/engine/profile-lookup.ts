import type { Profile } from '../domain/profile.js';

/** What the engine needs from the profile registry. */
export interface ProfileLookup {
  get(id: string): Profile | undefined;
  list(): Profile[];
}
