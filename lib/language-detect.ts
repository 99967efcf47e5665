/**
 * Detecting an article's language at import (server only: franc-min's trigram
 * tables stay out of the browser bundle).
 *
 * franc-min: trigram statistics over the 82 most-spoken languages, no
 * network, no model files. It tells Spanish from Portuguese and Arabic from
 * Persian, which a script test cannot. franc answers in ISO 639-3; the web
 * wants the shortest BCP 47 tag, so its answers are mapped to the two-letter
 * code where one exists (macrolanguages included: Standard Arabic "arb" is
 * "ar", Mandarin "cmn" is "zh"). Hebrew is not among franc-min's languages,
 * so a text written mostly in Hebrew script is "he".
 */
import { franc } from "franc-min";
import { UNDETERMINED } from "./language";

/** franc-min's ISO 639-3 answers → BCP 47. Codes without a two-letter form stay as they are (valid BCP 47). */
const TO_BCP47: Record<string, string> = {
  amh: "am", arb: "ar", azj: "az", bel: "be", ben: "bn", bos: "bs", bul: "bg", ces: "cs", cmn: "zh", deu: "de",
  ell: "el", eng: "en", fra: "fr", fuv: "ff", guj: "gu", hau: "ha", hin: "hi", hrv: "hr", hun: "hu", ibo: "ig",
  ind: "id", ita: "it", jav: "jv", jpn: "ja", kan: "kn", kaz: "kk", kin: "rw", kor: "ko", lin: "ln", mal: "ml",
  mar: "mr", mya: "my", nld: "nl", npi: "ne", nya: "ny", pan: "pa", pbu: "ps", pes: "fa", plt: "mg", pol: "pl",
  por: "pt", ron: "ro", run: "rn", rus: "ru", sin: "si", som: "so", spa: "es", srp: "sr", sun: "su", swe: "sv",
  swh: "sw", tam: "ta", tel: "te", tgl: "tl", tha: "th", tur: "tr", ukr: "uk", urd: "ur", uzn: "uz", vie: "vi",
  yor: "yo", zlm: "ms", zul: "zu",
};

/** franc looks at this much; more would only cost time on the request thread. */
const SAMPLE = 2048;

/** Letters of the scripts franc-min has no language for but a newsroom meets. */
const HEBREW = /\p{Script=Hebrew}/gu;
const LETTER = /\p{L}/gu;

export function detectLanguage(text: string): string {
  const sample = text.slice(0, SAMPLE);
  const letters = sample.match(LETTER)?.length ?? 0;
  if (letters === 0) return UNDETERMINED;
  if ((sample.match(HEBREW)?.length ?? 0) * 2 > letters) return "he";
  const code = franc(sample, { minLength: 20 });
  if (code === UNDETERMINED) return UNDETERMINED;
  return TO_BCP47[code] ?? code;
}

