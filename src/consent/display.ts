/**
 * The display rule of spec/consent.md §4: what a consent screen must show, in what order, and its
 * length limit — applied to the request's own display text and to any rendering of an app.
 * @module
 */
import { fail } from '../internal/fail.js';
import type { JsonValue } from '../encoding/index.js';
import {
  MAX_TEXT_LENGTH,
  parseRequestPayload,
  type ConsentRequestPayload,
  type ConsentText,
} from './model.js';

/** The language of a display text. */
export type ConsentLanguage = 'ja' | 'en';

/** `time` as the date `YYYY-MM-DD` in Japan Standard Time (UTC+9), as CON-12 (5) requires. */
export function jstDate(time: number): string {
  if (!Number.isSafeInteger(time))
    fail('ERR_INVALID_ARGUMENT', 'jstDate: time must be integer seconds');
  return new Date((time + 9 * 3600) * 1000).toISOString().slice(0, 10);
}

function pick(text: ConsentText, lang: ConsentLanguage): string | undefined {
  return lang === 'ja' ? text.ja : text.en;
}

/**
 * The elements CON-12 requires, in order: the requester's organisation name, the purpose text,
 * each transfer's text, the retention text, and the last day of validity.
 */
export function requiredDisplayElements(
  request: ConsentRequestPayload,
  organisation: string,
  lang: ConsentLanguage,
): string[] {
  if (
    typeof request !== 'object' ||
    request === null ||
    typeof organisation !== 'string' ||
    (lang !== 'ja' && lang !== 'en')
  )
    fail(
      'ERR_INVALID_ARGUMENT',
      'requiredDisplayElements: a request payload, an organisation name and "ja" or "en" are required',
    );
  // The payload is re-read by the strict parser, so a hand-built object is held to the same rules.
  request = parseRequestPayload(request as unknown as JsonValue);
  const texts = [
    request.purpose.text,
    ...request.transfers.map((t) => t.text),
    request.retention.text,
  ];
  const picked = texts.map((t) => pick(t, lang));
  if (picked.some((t) => t === undefined))
    fail('ERR_CONSENT_DISPLAY', `the request does not carry every text in ${lang}`, 'CON-13');
  return [organisation, ...(picked as string[]), jstDate(request.exp)];
}

/**
 * Checks that `text` (a display text, or an app's rendering of the request) contains every element
 * of [CON-12] as an exact substring, in order, and is at most 2000 characters ([CON-13]).
 * `organisation` is the requester certificate's organizationName.
 *
 * @throws JitsuinError `ERR_CONSENT_DISPLAY` naming the first missing element.
 */
export function checkConsentDisplay(
  text: string,
  request: ConsentRequestPayload,
  organisation: string,
  lang: ConsentLanguage = 'ja',
): void {
  if (
    typeof text !== 'string' ||
    typeof organisation !== 'string' ||
    typeof request !== 'object' ||
    request === null
  )
    fail(
      'ERR_INVALID_ARGUMENT',
      'checkConsentDisplay: text, request and organisation are required',
    );
  if (lang !== 'ja' && lang !== 'en')
    fail('ERR_INVALID_ARGUMENT', 'checkConsentDisplay: lang is "ja" or "en"');
  if (text.length > MAX_TEXT_LENGTH)
    fail(
      'ERR_CONSENT_DISPLAY',
      `the display text has ${text.length} characters, more than ${MAX_TEXT_LENGTH}`,
      'CON-13',
    );
  if (organisation === '')
    fail(
      'ERR_CONSENT_DISPLAY',
      'the requester certificate has no organizationName to show',
      'CON-12',
    );
  const elements = requiredDisplayElements(request, organisation, lang);
  const names = [
    'the requester organisation name',
    'the purpose text',
    ...elements.slice(2, -2).map((_, i) => `the text of transfer ${i + 1}`),
    'the retention text',
    'the last day of validity',
  ];
  let at = 0;
  elements.forEach((element, i) => {
    const found = text.indexOf(element, at);
    if (found < 0)
      fail(
        'ERR_CONSENT_DISPLAY',
        `the display text lacks ${names[i]} ${JSON.stringify(element)}${text.includes(element) ? ' after the previous element (out of order)' : ''}`,
        'CON-12',
      );
    at = found + element.length;
  });
}

/** CON-13: `display.en` only when every text of the request has English. @internal */
export function checkDisplayTexts(request: ConsentRequestPayload, organisation: string): void {
  checkConsentDisplay(request.display.ja, request, organisation, 'ja');
  if (request.display.en !== undefined)
    checkConsentDisplay(request.display.en, request, organisation, 'en');
}
