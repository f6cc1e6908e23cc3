/** Usage text: the commands of DESIGN 4b. */
export const USAGE = `bostad-forst — förklarbar bostadsfördelning / explainable social housing allocation

Användning / usage:
  bostad-forst allocate <input.json|-> [--out FILE] [--detail full|decisions]
                                                      fördela en omgång / batch allocation (result JSON)
  bostad-forst rank <input.json|->                    erbjudandeordning per lägenhet / offer order per vacancy
  bostad-forst explain <input.json|input.ndjson|-> --household ID [--audience household|caseworker|auditor]
                       [--lang sv|en] [--format text|markdown|html|json]
                                                      ett hushålls förklaring / one household's explanation
  bostad-forst verify <input.json> <result.json>      kör om och jämför byte för byte / re-run and compare
  bostad-forst report <input.json|-> [--out report.html] [--what-if <preset|policy.json>] [--no-gender]
                                                      HTML-rapport / self-contained HTML allocation report
  bostad-forst schema <input|result|policy>           JSON Schema för kontraktet / of the contract
  bostad-forst demo                                   exempeldata / bundled example batch
  bostad-forst --help | --version
  (<input.json|->: en fil, eller - för standard in / a file, or - for standard input)
  (--detail decisions: varje beslut med skälkoder, utan prioritetsnycklar, jämförda värden och förklaringar;
   verify kör om på samma nivå / every decision with its reason codes, without priority keys, compared values
   or explanations; verify replays the same level. Standard / default: full)

Utgångskoder / exit codes: 0 ok · 1 internt fel / internal error · 2 ogiltig indata / invalid input
  (verify: 3 = resultatet skiljer sig / the result differs)
Ogiltig indata skrivs som {"ok":false,"issues":[…]} på stdout och en sammanfattning på stderr.
Invalid input is printed as {"ok":false,"issues":[…]} on stdout with a summary on stderr.
`;
