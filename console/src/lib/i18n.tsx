/**
 * Chinese first, English on request: every UI string is written as a (zh, en) pair where it is
 * used; enum labels live in one table (labels.ts). The choice is kept in localStorage (it is not
 * personal data) and sets <html lang>.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'zh' | 'en';

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  /** The string in the current language. */
  t(zh: string, en: string): string;
}

const LANG_KEY = 'credit-console-lang';
const Context = createContext<I18n>({ lang: 'zh', setLang: () => {}, t: (zh) => zh });

function initialLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(LANG_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, []);
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (zh, en) => (lang === 'zh' ? zh : en) }), [lang, setLang]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export const useI18n = () => useContext(Context);
