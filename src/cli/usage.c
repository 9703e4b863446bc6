/* usage.c - help text of afcq and of each subcommand. */
#include "cli.h"

#include <string.h>

static const char overview[] =
	"usage: afcq [OPTIONS] [FILE]                  the workstation; FILE is loaded into the form\n"
	"       afcq quote    [OPTIONS] FILE|-         CalcTaxes as a quote (never committed)\n"
	"       afcq invoice  [OPTIONS] --number INVN [--doc CODE] [--commit] FILE|-\n"
	"       afcq commit   [OPTIONS] DOC            commit a document\n"
	"       afcq uncommit [OPTIONS] DOC            uncommit a document\n"
	"       afcq tspairs  [OPTIONS] [TEXT]         T/S pair catalog, filtered by words in TEXT\n"
	"       afcq taxtype  [OPTIONS] ID|'*'         tax type catalog\n"
	"       afcq pcode    [OPTIONS] PCODE [--primary]\n"
	"       afcq pcode    [OPTIONS] [--country ISO] [--state S] [--county K] [--city C] [--zip Z]\n"
	"                               [--npanxx N] [--fips F] [--best-match|--exact] [--limit N]\n"
	"       afcq history  [OPTIONS] [--all] [--customer TEXT] [list | show ID]\n"
	"       afcq resolve  [OPTIONS] [DOC]          settle an unknown outcome by asking the service\n"
	"       afcq customers list [TEXT] | show ID|TEXT | add --name NAME ... | import FILE |\n"
	"                      export [FILE] | rm ID   the customer book\n"
	"       afcq products list [TEXT] | show ID | add --name NAME FILE | import FILE |\n"
	"                      export [FILE] | rm ID   named bundles of line items\n"
	"       afcq compare  [OPTIONS] A B            what changes between two quotes (files, @ID)\n"
	"       afcq quote    [OPTIONS] --customer TEXT [--products NAMES]\n"
	"                                              quote a stored customer without a file\n"
	"       afcq invoice  [OPTIONS] --number INVN [--doc CODE] [--commit] --customer TEXT\n"
	"                               [--products NAMES]   invoice a stored customer the same way\n"
	"       afcq store copy --to URL               the local book and journal into a team's store\n"
	"       afcq check-config [OPTIONS]            validate the config, show where values came from\n"
	"       afcq completion bash|zsh               shell completion script (from the option table)\n"
	"\n"
	"options:\n"
	"  -c, --config FILE      configuration file\n"
	"  -p, --profile NAME     profile of the configuration to use\n"
	"  -e, --endpoint URL     AFC endpoint (https://host), instead of the profile's\n"
	"      --sandbox          start the bundled afcq-sandbox on a free loopback port and use it\n"
	"  -f, --format FMT       table (default), json (the answer as sent) or csv (one row per tax)\n"
	"      --timeout SECONDS  total time allowed for one request\n"
	"      --print-curl       print the curl command that sends the request; send nothing\n"
	"      --log-level LEVEL  error, warn, info or debug: what goes to the log file\n"
	"                         ($XDG_STATE_HOME/afcq/afcq.log)\n"
	"  -h, --help             this text\n"
	"      --keys             the workstation's keys as a Markdown table\n"
	"      --no-color         the workstation without colours (as NO_COLOR=1)\n"
	"  -V, --version          version, and the libcurl, jansson and SQLite it runs with\n"
	"\n"
	"exit codes: 0 ok, 1 the API answered with errors, 2 usage error or invalid input,\n"
	"            3 configuration error, 4 network or HTTP failure,\n"
	"            5 local store failure (history file or customer book broken, locked\n"
	"              or not writable)\n";

struct command_help {
	const char *name;
	const char *text;
};

static const struct command_help helps[] = {
	{ "quote",
	  "usage: afcq quote [OPTIONS] FILE|-\n"
	  "       afcq quote [OPTIONS] --customer TEXT [--products NAMES]\n"
	  "Sends the CalcTaxes request in FILE (or stdin) as a quote: cmmt is forced false.\n"
	  "Comments and trailing commas are accepted in FILE.\n"
	  "--customer: quotes the stored customer TEXT picks (see afcq customers list) with\n"
	  "the items of their usual products, or of NAMES ('A;3x B': a count multiplies qty),\n"
	  "and the configuration's company; dated today.\n" },
	{ "compare",
	  "usage: afcq compare [OPTIONS] A B\n"
	  "A and B are request files (priced as quotes) or history entries @ID (their stored\n"
	  "answers; priced again when they have none).  Prints both totals due and every tax\n"
	  "whose amount differs, with its amount in each quote; - marks a tax only one has.\n"
	  "Nothing is committed.  Exit codes as quote's.\n" },
	{ "customers",
	  "usage: afcq customers list [TEXT] | show ID|TEXT | rm ID\n"
	  "       afcq customers add --name NAME [--account A] [--phone P] [--pcode N] [--zip Z]\n"
	  "                          [--city C] [--state S] [--cust T] [--lifeline yes|no]\n"
	  "                          [--products NAMES]\n"
	  "       afcq customers import FILE|-   CSV (header: any of " "name,account,phone,pcode,\n"
	  "                                      zip,city,state,cust,lifeline,products) or JSON\n"
	  "       afcq customers export [FILE]   JSON, or -f csv; holds personal data\n"
	  "list finds by words of the name, account or city and by phone digits.  An import is\n"
	  "one transaction; a row is the customer with its account, else with its name and a\n"
	  "phone in common: importing twice adds nothing.\n" },
	{ "products",
	  "usage: afcq products list [TEXT] | show ID | rm ID\n"
	  "       afcq products add --name NAME FILE|-   items: a JSON array, {\"itms\": [...]}\n"
	  "                                            or a request\n"
	  "       afcq products import FILE|-   a JSON array of {\"name\": ..., \"itms\": [...]}\n"
	  "       afcq products export [FILE]\n" },
	{ "invoice",
	  "usage: afcq invoice [OPTIONS] --number INVN [--doc CODE] [--commit] FILE|-\n"
	  "       afcq invoice [OPTIONS] --number INVN [--doc CODE] [--commit] --customer TEXT\n"
	  "                    [--products NAMES]\n"
	  "Sends the request as an invoice: invn=INVN on every invoice, doc=CODE (a fresh\n"
	  "unique code when --doc is absent), cmmt=--commit.  A document code that history\n"
	  "shows was already used is refused, and so is an invoice number whose earlier\n"
	  "send to the same endpoint has an unknown outcome (see afcq resolve).\n"
	  "--customer: the request afcq quote --customer makes for the stored customer TEXT\n"
	  "picks (their usual products, or NAMES); history keeps the customer with it.\n" },
	{ "commit", "usage: afcq commit [OPTIONS] DOC\nCommits every transaction stored under DOC.\n" },
	{ "uncommit",
	  "usage: afcq uncommit [OPTIONS] DOC\nUncommits every transaction stored under DOC.\n" },
	{ "tspairs",
	  "usage: afcq tspairs [OPTIONS] [TEXT]\n"
	  "Lists transaction/service pairs; with TEXT only those whose numbers or\n"
	  "descriptions hold every word of TEXT.\n" },
	{ "taxtype", "usage: afcq taxtype [OPTIONS] ID|'*'\nDescribes a tax type, or all of them.\n" },
	{ "pcode",
	  "usage: afcq pcode [OPTIONS] PCODE [--primary]\n"
	  "       afcq pcode [OPTIONS] [--country ISO] [--state S] [--county K] [--city C] [--zip Z]\n"
	  "                  [--npanxx N] [--fips F] [--best-match|--exact] [--limit N]\n"
	  "With PCODE: every place name of the PCode (--primary: its primary name).\n"
	  "Otherwise finds the PCodes of a place, from any combination of its country\n"
	  "(ISO code: USA, CAN, IND), state, county, city, ZIP code, NPA-NXX and FIPS code.\n"
	  "--best-match: the closest places when nothing matches exactly (--exact: only exact\n"
	  "matches, the default); --limit N: at most N places (the count of matches is still\n"
	  "given).  No match is not an error: \"0 matches\", exit 0.\n" },
	{ "history",
	  "usage: afcq history [OPTIONS] [--all] [--customer TEXT] [list | show ID]\n"
	  "list: every request sent, newest first (id, time, kind, doc, invn, total, outcome,\n"
	  "and the customer of the book it was made for, when one was loaded);\n"
	  "unknown outcomes first, each with the command that resolves it.\n"
	  "--customer TEXT: only the entries made for a customer whose name or account has\n"
	  "TEXT's words, as afcq customers list finds them (accents or none).\n"
	  "show ID: one entry with the request and the response.\n"
	  "With a team's store (config key store): one's own entries, and who sent each;\n"
	  "--all: every rep's.\n" },
	{ "resolve",
	  "usage: afcq resolve [OPTIONS] [DOC]\n"
	  "Settles what history shows as \"outcome unknown\" (an invoice, commit or uncommit\n"
	  "sent and never answered), for DOC or every one sent to the endpoint, by asking\n"
	  "the service with a Commit call: \"No transactions found\" means it never arrived\n"
	  "(the invoice may be sent again); success means the service has it (its number\n"
	  "stays refused).  Exit 1 when the answer does not tell.\n" },
	{ "store",
	  "usage: afcq store copy [--to URL]\n"
	  "Copies the local customer book, products and journal into a team's PostgreSQL\n"
	  "store (URL as the config's store key: postgresql://USER@HOST/DATABASE, no\n"
	  "password; by default the store the configuration names).  What the team's store\n"
	  "has already is left alone: running it twice adds nothing.  Exit 5 when a store\n"
	  "fails.\n" },
	{ "check-config",
	  "usage: afcq check-config [OPTIONS]\n"
	  "Validates the configuration and shows where each value came from.\n" },
	{ "completion",
	  "usage: afcq completion bash|zsh\n"
	  "Prints a completion script for the shell: subcommands, options, formats,\n"
	  "profiles of the configuration, history ids and document codes.\n"
	  "  bash: afcq completion bash > ~/.local/share/bash-completion/completions/afcq\n"
	  "  zsh:  afcq completion zsh > ~/.zfunc/_afcq  (with ~/.zfunc in fpath)\n" },
};

void cli_usage(FILE *f, const char *command)
{
	if (command) {
		for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++) {
			if (strcmp(helps[i].name, command) == 0) {
				fputs(helps[i].text, f);
				fputs("Options: -c/--config, -p/--profile, -e/--endpoint, --sandbox, "
				      "-f/--format, --timeout, --print-curl (see afcq --help).\n", f);
				return;
			}
		}
	}
	fputs(overview, f);
}
