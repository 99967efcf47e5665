import { describe, expect, it } from "vitest";
import { canonicalLanguageTag, langAttribute, languageName, languageTagSchema } from "./language";
import { detectLanguage } from "./language-detect";

describe("detectLanguage", () => {
  it("tells the language of an article from its text, as a BCP 47 tag", () => {
    expect(detectLanguage("قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في القاهرة بحضور ممثلين عن الطرفين.")).toBe("ar");
    expect(detectLanguage("وزیر امور خارجه گفت که مذاکرات هفته آینده در قاهره از سر گرفته خواهد شد")).toBe("fa");
    expect(detectLanguage("The minister said on Tuesday that the talks would resume next week in Cairo with both sides.")).toBe("en");
    expect(detectLanguage("El ministro dijo el martes que las conversaciones se reanudarían la próxima semana en El Cairo.")).toBe("es");
    expect(detectLanguage("Министр заявил во вторник, что переговоры возобновятся на следующей неделе в Каире.")).toBe("ru");
    expect(detectLanguage("外交部长星期二表示，双方将于下周在开罗恢复会谈。")).toBe("zh");
  });

  it("reads Hebrew, which franc-min does not know, by its script", () => {
    expect(detectLanguage("שר החוץ אמר כי השיחות יתחדשו בשבוע הבא בקהיר, בהשתתפות נציגי שני הצדדים.")).toBe("he");
  });

  it("takes the language most of a mixed Arabic and English text is in", () => {
    const arabicFirst = "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في القاهرة بحضور ممثلين عن الطرفين، وأكد أن الهدنة صامدة. The talks resume.";
    expect(detectLanguage(arabicFirst)).toBe("ar");
  });

  it("says “und” when nothing can be told", () => {
    expect(detectLanguage("")).toBe("und");
    expect(detectLanguage("2024 — 15 % · 3,5")).toBe("und");
    expect(detectLanguage("Ok")).toBe("und");
  });
});

describe("language tags", () => {
  it("canonicalises tags and refuses what is not one", () => {
    expect(canonicalLanguageTag("AR")).toBe("ar");
    expect(canonicalLanguageTag(" pt-br ")).toBe("pt-BR");
    expect(canonicalLanguageTag("und")).toBe("und");
    expect(canonicalLanguageTag("arabic language")).toBeNull();
    expect(canonicalLanguageTag("<script>")).toBeNull();
    expect(languageTagSchema.safeParse("x").success).toBe(false);
    expect(languageTagSchema.parse("zh-hant")).toBe("zh-Hant");
  });

  it("names languages for people and gives no lang for an undetermined one", () => {
    expect(languageName("ar")).toBe("Arabic");
    expect(languageName("und")).toBe("Not determined");
    expect(langAttribute("und")).toBeUndefined();
    expect(langAttribute("ar")).toBe("ar");
  });
});
