import { todayInLondon } from './dates';
import { keyOfGlobalId } from './relay';
import { invalid, notFound } from './userErrors';

/** Input checks shared by the mutations. Each failure names the field and what was expected. */

export function notInFuture(field: string, date: string): void {
  const today = todayInLondon();
  if (date > today) throw invalid(field, `${field} cannot be in the future: got ${date}, today is ${today}.`);
}

/** `date` must be on or after `earlier`, the date of the record it follows. */
export function notBefore(field: string, date: string, earlierField: string, earlier: string): void {
  if (date < earlier) throw invalid(field, `${field} (${date}) cannot be before ${earlierField} (${earlier}).`);
}

/** Free text: trimmed, bounded, no control characters other than new lines and tabs. */
export function boundedText(field: string, value: string | null | undefined, max: number, required = false): string | null {
  const text = value?.trim() ?? '';
  if (text === '') {
    if (required) throw invalid(field, `${field} is required.`);
    return null;
  }
  if (text.length > max) throw invalid(field, `${field} must be at most ${max} characters; got ${text.length}.`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) throw invalid(field, `${field} contains control characters; send plain text.`);
  // An unpaired surrogate is not text: it would be stored as U+FFFD, silently changed.
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) throw invalid(field, `${field} is not well-formed Unicode text.`);
  return text;
}

/** Interests and languages: lower-cased, de-duplicated, bounded in number and length. */
export function tags(field: string, values: string[] | null | undefined, maxCount: number): string[] {
  const cleaned = [...new Set((values ?? []).map((value) => value.trim().toLowerCase()).filter((value) => value !== ''))];
  if (cleaned.length > maxCount) throw invalid(field, `${field} may list at most ${maxCount} items; got ${cleaned.length}.`);
  for (const value of cleaned) {
    if (value.length > 40 || !/^[\p{L}\p{N} '&-]+$/u.test(value)) {
      throw invalid(field, `each of ${field} must be up to 40 letters, digits, spaces, apostrophes, '&' or '-'; got ${JSON.stringify(value.slice(0, 60))}.`);
    }
  }
  return cleaned.sort();
}

export function integerInRange(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw invalid(field, `${field} must be a whole number from ${min} to ${max}; got ${value}.`);
  return value;
}

/** The UUID behind a global ID of the expected type, or NOT_FOUND naming the field. */
export function recordKey(field: string, id: string, type: string, what: string): string {
  const key = keyOfGlobalId(id, type);
  if (!key || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(key)) throw notFound(what, field);
  return key;
}
