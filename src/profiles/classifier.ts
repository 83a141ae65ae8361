import type { Profile } from '../domain/profile.js';
import { BUILTIN_LEXICON } from './classifier-lexicon.js';
import { containsPhrase, normaliseTerms } from './text-terms.js';

export interface ProfileSuggestion {
  profileId: string;
  /** 0..1; comparable across suggestions of one call. */
  score: number;
  reason: string;
}

export interface Classification {
  suggestions: ProfileSuggestion[];
  /** True when nothing matched well and `general` was put first. */
  fallback: boolean;
}

export const FALLBACK_PROFILE_ID = 'general';
const MAX_SUGGESTIONS = 5;
const MAX_REASON_TERMS = 5;
/** The description counts, but a word in the title says more about the task. */
const DESCRIPTION_WEIGHT = 0.5;
const DOMAIN_TAG_WEIGHT = 1.5;
const PROFILE_DESCRIPTION_WORD_WEIGHT = 0.3;
/** Raw evidence below this is treated as a guess. */
const CONFIDENCE_THRESHOLD = 2;
/** Raw evidence at which the score reaches 0.5. */
const SCORE_HALF_POINT = 3;

interface Term {
  display: string;
  words: string[];
  weight: number;
}

const termCache = new WeakMap<Profile, Term[]>();

/** Lexicon, domain tags and description words of a profile; the strongest weight wins per term. */
function termsOf(profile: Profile): Term[] {
  const cached = termCache.get(profile);
  if (cached) return cached;
  const byKey = new Map<string, Term>();
  const add = (display: string, weight: number) => {
    const words = normaliseTerms(display);
    if (words.length === 0) return;
    const key = words.join(' ');
    const existing = byKey.get(key);
    if (!existing || existing.weight < weight) byKey.set(key, { display, words, weight });
  };
  // Trim punctuation so a reason reads "matched: unit, fixes", not "unit,, fixes".
  for (const word of profile.description.split(/\s+/)) add(word.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, ''), PROFILE_DESCRIPTION_WORD_WEIGHT);
  for (const tag of profile.domainTags) add(tag, DOMAIN_TAG_WEIGHT);
  for (const [term, weight] of Object.entries(BUILTIN_LEXICON[profile.id] ?? {})) add(term, weight);
  const terms = [...byKey.values()];
  termCache.set(profile, terms);
  return terms;
}

interface Evidence {
  profileId: string;
  raw: number;
  matched: string[];
}

function weigh(profile: Profile, title: string[], description: string[]): Evidence {
  let raw = 0;
  const titleMatches: Array<{ display: string; weight: number }> = [];
  const descriptionMatches: Array<{ display: string; weight: number }> = [];
  for (const term of termsOf(profile)) {
    if (containsPhrase(title, term.words)) {
      raw += term.weight;
      titleMatches.push(term);
    } else if (containsPhrase(description, term.words)) {
      raw += term.weight * DESCRIPTION_WEIGHT;
      descriptionMatches.push(term);
    }
  }
  const byWeight = (a: { weight: number }, b: { weight: number }) => b.weight - a.weight;
  const matched = [...titleMatches.sort(byWeight), ...descriptionMatches.sort(byWeight)].map((term) => term.display);
  return { profileId: profile.id, raw, matched };
}

const toScore = (raw: number) => Math.round((raw / (raw + SCORE_HALF_POINT)) * 100) / 100;

function reasonFor(evidence: Evidence): string {
  return `matched: ${[...new Set(evidence.matched)].slice(0, MAX_REASON_TERMS).join(', ')}`;
}

/**
 * Suggests profiles for a task from its title and description, locally and without a model:
 * curated terms, domain tags and profile descriptions, title weighted over description.
 */
export function classifyTask(profiles: Profile[], text: { title: string; description?: string }): Classification {
  const title = normaliseTerms(text.title);
  const description = normaliseTerms(text.description ?? '');
  const ranked = profiles
    .map((profile) => weigh(profile, title, description))
    .filter((evidence) => evidence.raw > 0)
    .sort((a, b) => b.raw - a.raw || a.profileId.localeCompare(b.profileId));
  const suggestions = ranked.slice(0, MAX_SUGGESTIONS).map((evidence) => ({
    profileId: evidence.profileId,
    score: toScore(evidence.raw),
    reason: reasonFor(evidence),
  }));
  const best = ranked[0];
  if (best !== undefined && best.raw >= CONFIDENCE_THRESHOLD) return { suggestions, fallback: false };
  if (!profiles.some((profile) => profile.id === FALLBACK_PROFILE_ID)) return { suggestions, fallback: true };
  const evidence = best === undefined ? 'nothing matched' : `best guess ${best.profileId} only ${reasonFor(best)}`;
  const general: ProfileSuggestion = {
    profileId: FALLBACK_PROFILE_ID,
    // Just above every weak match, so the ranking stays consistent with the scores.
    score: toScore(CONFIDENCE_THRESHOLD),
    reason: `low confidence (${evidence}); falling back to general`,
  };
  const others = suggestions.filter((suggestion) => suggestion.profileId !== FALLBACK_PROFILE_ID);
  return { suggestions: [general, ...others].slice(0, MAX_SUGGESTIONS), fallback: true };
}
