/**
 * Who wrote a row: a conversation or ticket export holds the customer's messages and the company's
 * answers in one column of text ("author_type": user / admin / bot; Twitter's customer-support data
 * set: "inbound" True / False; Freshdesk: "incoming"). The company's words are no customer feedback:
 * such rows are skipped, each said so in the report.
 */
import { normaliseHeader } from "./columns";
import { wordKey } from "./words";

export type AuthorSide = "customer" | "company";

/**
 * Values naming the company's side: its people, its bots, the business itself ("employee" is not among
 * them: a survey's "Role" may sort employees who answered it from customers).
 */
const COMPANY = new Set([
  "admin", "administrator", "agent", "support agent", "bot", "chatbot", "operator", "staff", "support", "company",
  "business", "owner", "teammate", "team member", "system", "merchant", "seller", "brand", "host", "assistant",
]);
/** Values naming the customer's side. */
const CUSTOMER = new Set([
  "user", "customer", "end-user", "end user", "enduser", "visitor", "client", "contact", "lead", "guest", "requester",
  "consumer", "reviewer", "buyer", "member", "subscriber", "patient",
]);
const YES = new Set(["true", "yes", "1", "y"]);
const NO = new Set(["false", "no", "0", "n"]);

/** A header whose yes/no says the customer wrote the row: "inbound", "incoming", "from customer", "is customer". */
const CUSTOMER_FLAG_HEADER = /^(?:is )?(?:inbound|incoming|from (?:the )?customer|customer message|is customer|by customer)$/;

/**
 * A reader of an author column's cells: the side each names, or null when it names neither (the person
 * then decides). The header is read once, not for every row.
 */
export function authorSideReader(header: string): (cell: string) => AuthorSide | null {
  if (CUSTOMER_FLAG_HEADER.test(normaliseHeader(header))) {
    return (cell) => {
      const key = wordKey(cell);
      return YES.has(key) ? "customer" : NO.has(key) ? "company" : null;
    };
  }
  return (cell) => {
    const key = wordKey(cell);
    return COMPANY.has(key) ? "company" : CUSTOMER.has(key) ? "customer" : null;
  };
}

/** Whether a column's cells (its distinct non-empty ones) all name a side: an author column, not a person's name or address. */
export function namesAuthorSides(header: string, cells: Iterable<string>): boolean {
  const sideOf = authorSideReader(header);
  let named = false;
  for (const cell of cells) {
    if (cell.trim() === "") continue;
    if (sideOf(cell) === null) return false;
    named = true;
  }
  return named;
}
