/**
 * Countries and unions by name, short name and demonym, so that "French
 * unemployment" and "unemployment in France" name the same place and
 * "in Germany" names another. Keys are lower case; each maps to one canonical
 * key. Other places and people are found by capitalisation
 * (lib/matching/features.ts).
 */
const PLACES: Record<string, string[]> = {
  "united states": ["us", "usa", "u.s.", "america", "american", "americans", "united states of america"],
  "united kingdom": ["uk", "britain", "great britain", "british", "britons", "england", "english", "scotland", "scottish", "wales", "welsh"],
  "european union": ["eu", "europe", "european"],
  iraq: ["iraqi", "iraqis"], iran: ["iranian", "iranians"], syria: ["syrian", "syrians"], israel: ["israeli", "israelis"],
  palestine: ["palestinian", "palestinians", "gaza", "west bank"], lebanon: ["lebanese"], jordan: ["jordanian"], egypt: ["egyptian", "egyptians"],
  "saudi arabia": ["saudi", "saudis"], turkey: ["turkish", "türkiye"], yemen: ["yemeni"], afghanistan: ["afghan", "afghans"], pakistan: ["pakistani"],
  india: ["indian", "indians"], china: ["chinese"], japan: ["japanese"], "south korea": ["korea", "korean", "south korean"], "north korea": ["north korean"],
  russia: ["russian", "russians"], ukraine: ["ukrainian", "ukrainians"], poland: ["polish"], germany: ["german", "germans"], france: ["french"],
  italy: ["italian", "italians"], spain: ["spanish", "spaniard"], portugal: ["portuguese"], netherlands: ["dutch", "holland"], belgium: ["belgian"],
  sweden: ["swedish"], norway: ["norwegian"], denmark: ["danish"], finland: ["finnish"], ireland: ["irish"], greece: ["greek"], hungary: ["hungarian"],
  austria: ["austrian"], switzerland: ["swiss"], canada: ["canadian", "canadians"], mexico: ["mexican", "mexicans"], brazil: ["brazilian", "brazilians"],
  argentina: ["argentine", "argentinian"], chile: ["chilean"], colombia: ["colombian"], venezuela: ["venezuelan"], peru: ["peruvian"], cuba: ["cuban"],
  australia: ["australian", "australians"], "new zealand": ["new zealander"], indonesia: ["indonesian"], philippines: ["filipino", "philippine"],
  vietnam: ["vietnamese"], thailand: ["thai"], malaysia: ["malaysian"], bangladesh: ["bangladeshi"], nigeria: ["nigerian", "nigerians"],
  kenya: ["kenyan"], ethiopia: ["ethiopian"], "south africa": ["south african"], ghana: ["ghanaian"], sudan: ["sudanese"], somalia: ["somali"], libya: ["libyan"],
  morocco: ["moroccan"], algeria: ["algerian"], tunisia: ["tunisian"], qatar: ["qatari"], "united arab emirates": ["uae", "emirati"], kuwait: ["kuwaiti"],
};

/** Every name, and the plural of each one-word demonym ("Spaniard" → "Spaniards", "Somali" → "Somalis"). */
export const COUNTRY_ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries(PLACES).flatMap(([key, aliases]) => [
    [key, key] as const,
    ...aliases.flatMap((a) => [[a, key] as const, ...(/^[a-z]+(an|i|ard|er)$/.test(a) ? [[`${a}s`, key] as const] : [])]),
  ]),
);
