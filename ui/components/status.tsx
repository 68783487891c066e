/**
 * What just happened, in words: one line in the panel's footer (a live region, so assistive tech
 * reads it too), set by any section.
 */
import { createContext } from "preact";
import { useContext } from "preact/hooks";

export interface StatusLine {
  text: string;
  error: boolean;
}

export type Report = (text: string, error?: boolean) => void;

export const ReportContext = createContext<Report>(() => undefined);

export function useReport(): Report {
  return useContext(ReportContext);
}
