/* completion.c - shell completion, written from the option table.
 *
 * `afcq completion bash` prints a bash completion script and `afcq
 * completion zsh` the same for zsh (through zsh's bashcompinit).  The
 * script is generated from the tables --help and the parser use (the
 * subcommands of main.c, the options of options.c with the command each is
 * limited to and the words it takes), so it cannot name an option the
 * parser refuses.  What changes at run time is asked of afcq itself by the
 * hidden `afcq __complete KIND`: the profiles of the configuration, the
 * history ids, the document codes sent, the ids and names of customers and
 * products.  Names hold spaces and other characters the shell reads, so
 * they are offered one a line (never through compgen -W, which splits
 * them) and quoted as the word is being typed: with backslashes, or inside
 * the quote the word opened.  zsh's bashcompinit unquotes what it is given
 * and quotes it again its own way.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "afcq/history.h"

/* Options whose value is a file name. */
static bool file_option(const char *name)
{
	return strcmp(name, "config") == 0 || strcmp(name, "script") == 0;
}

/* What the words after a subcommand are.  Anything not listed takes files. */
struct positional {
	const char *command;
	const char *words;           /* fixed words for the first positional */
	const char *second;          /* dynamic kind of the second positional... */
	const char *after;           /* ...when the first is one of these words */
	const char *dynamic;         /* dynamic kind of the first positional */
	const char *names;           /* names offered beside the second's words */
	bool files;                  /* files too, beside the dynamic words; with
				      * words, files after other first words */
};

static const struct positional positionals[] = {
	{ .command = "history", .words = "list show", .second = "history-ids", .after = "show" },
	{ .command = "commit", .dynamic = "docs" },
	{ .command = "compare", .dynamic = "history-refs", .files = true },
	{ .command = "uncommit", .dynamic = "docs" },
	{ .command = "resolve", .dynamic = "docs" },
	{ .command = "completion", .words = "bash zsh" },
	{ .command = "customers", .words = "list show add import export rm",
	  .second = "customer-ids", .names = "customer-names", .after = "show rm", .files = true },
	{ .command = "products", .words = "list show add import export rm",
	  .second = "product-ids", .names = "product-names", .after = "show rm", .files = true },
	{ .command = "store", .words = "copy" },
	{ .command = "tspairs", .words = "" },
	{ .command = "taxtype", .words = "*" },
	{ .command = "pcode", .words = "" },
	{ .command = "check-config", .words = "" },
};

static bool hidden(const char *command)
{
	return command[0] == '_';
}

static void put_commands(FILE *f)
{
	const char *c;
	for (size_t i = 0; (c = cli_command_at(i)); i++)
		if (!hidden(c))
			fprintf(f, "%s%s", i ? " " : "", c);
}

/* The options command may use (NULL: the workstation), as completion words. */
static void put_options(FILE *f, const char *command)
{
	struct cli_option_info oi;
	bool first = true;
	for (size_t i = 0; cli_option_at(i, &oi); i++) {
		if (!cli_option_applies(oi.only, command))
			continue;
		fprintf(f, "%s--%s", first ? "" : " ", oi.name);
		first = false;
		if (oi.letter)
			fprintf(f, " -%c", oi.letter);
	}
	if (!command)
		fputs(" --keys", f);
}

/* The kind of names an option's value is one of (afcq __complete KIND). */
static const char *names_option(const char *name)
{
	if (strcmp(name, "customer") == 0)
		return "customer-names";
	if (strcmp(name, "products") == 0)
		return "product-names";
	return NULL;
}

/* _afcq_names AFCQ KIND WORD: adds to COMPREPLY the names of KIND that
 * begin with WORD, quoted as WORD is: after an opening ' or " for inside
 * that quote, else with backslashes (printf %q).  The word's own quoting
 * (the opening quote, backslashes) is taken off before comparing. */
static const char names_function[] =
	"_afcq_names()\n"
	"{\n"
	"\tlocal n q open= c=${3#[\\\"\\']}\n"
	"\t[[ $3 == [\\\"\\']* ]] && open=${3:0:1}\n"
	"\tc=${c//\\\\/}\n"
	"\twhile IFS= read -r n; do\n"
	"\t\t[[ -n $n && $n == \"$c\"* ]] || continue\n"
	"\t\tcase $open in\n"
	"\t\t\\\") q=${n//\\\\/\\\\\\\\}; q=${q//\\\"/\\\\\\\"}; q=${q//\\$/\\\\\\$}; q=${q//\\`/\\\\\\`} ;;\n"
	"\t\t\\') q=${n//\\'/\\'\\\\\\'\\'} ;;\n"
	"\t\t*) q=$(printf %q \"$n\") ;;\n"
	"\t\tesac\n"
	"\t\tCOMPREPLY+=(\"$q\")\n"
	"\tdone < <(\"$1\" __complete \"$2\" 2>/dev/null)\n"
	"}\n";

/* "-f|--format" for a case pattern. */
static void put_pattern(FILE *f, const struct cli_option_info *oi)
{
	if (oi->letter)
		fprintf(f, "-%c|", oi->letter);
	fprintf(f, "--%s", oi->name);
}

static void bash_script(FILE *f)
{
	struct cli_option_info oi;
	fputs("# bash completion for afcq, written by `afcq completion bash` from its option\n"
	      "# table.  Profiles, history ids, document codes and the names in the books\n"
	      "# are asked of afcq.\n", f);
	fputs(names_function, f);
	fputs("_afcq()\n{\n"
	      "\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	      "\tlocal afcq=${COMP_WORDS[0]} cmd= i w\n"
	      "\tlocal -a pos=()\n"
	      "\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
	      "\t\tw=${COMP_WORDS[i]}\n"
	      "\t\tcase $w in\n\t\t", f);
	bool any = false;
	for (size_t i = 0; cli_option_at(i, &oi); i++) {
		if (!oi.takes_value)
			continue;
		fputs(any ? "|" : "", f);
		put_pattern(f, &oi);
		any = true;
	}
	fputs(") ((i++)) ;;\n"
	      "\t\t-*) ;;\n"
	      "\t\t*) if [[ -z $cmd && \" ", f);
	put_commands(f);
	fputs(" \" == *\" $w \"* ]]; then cmd=$w; else pos+=(\"$w\"); fi ;;\n"
	      "\t\tesac\n\tdone\n"
	      "\tcase $prev in\n", f);
	for (size_t i = 0; cli_option_at(i, &oi); i++) {
		if (!oi.takes_value)
			continue;
		fputs("\t", f);
		put_pattern(f, &oi);
		if (oi.values)
			fprintf(f, ") COMPREPLY=($(compgen -W '%s' -- \"$cur\")); return ;;\n",
				oi.values);
		else if (strcmp(oi.name, "profile") == 0)
			fputs(") COMPREPLY=($(compgen -W \"$(\"$afcq\" __complete profiles "
			      "2>/dev/null)\" -- \"$cur\")); return ;;\n", f);
		else if (names_option(oi.name))
			fprintf(f, ") COMPREPLY=(); _afcq_names \"$afcq\" %s \"$cur\"; return ;;\n",
				names_option(oi.name));
		else if (file_option(oi.name))
			fputs(") COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n", f);
		else
			fputs(") COMPREPLY=(); return ;;\n", f);
	}
	fputs("\tesac\n\tlocal opts\n\tcase $cmd in\n\t'') opts='", f);
	put_options(f, NULL);
	fputs("' ;;\n", f);
	const char *c;
	for (size_t i = 0; (c = cli_command_at(i)); i++) {
		if (hidden(c))
			continue;
		fprintf(f, "\t%s) opts='", c);
		put_options(f, c);
		fputs("' ;;\n", f);
	}
	fputs("\tesac\n"
	      "\tif [[ $cur == -* ]]; then\n"
	      "\t\tCOMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n\t\treturn\n\tfi\n"
	      "\tcase $cmd in\n"
	      "\t'') COMPREPLY=($(compgen -W '", f);
	put_commands(f);
	fputs("' -- \"$cur\") $(compgen -f -- \"$cur\")) ;;\n", f);
	for (size_t i = 0; i < sizeof positionals / sizeof positionals[0]; i++) {
		const struct positional *p = &positionals[i];
		fprintf(f, "\t%s) ", p->command);
		if (p->dynamic)
			fprintf(f, "COMPREPLY=($(compgen -W \"$(\"$afcq\" __complete %s 2>/dev/null)\" "
				"-- \"$cur\")%s) ;;\n", p->dynamic,
				p->files ? " $(compgen -f -- \"$cur\")" : "");
		else if (p->second) {
			fprintf(f, "if ((${#pos[@]} == 0)); then COMPREPLY=($(compgen -W '%s' -- "
				"\"$cur\")); elif [[ ' %s ' == *\" ${pos[0]} \"* ]]; then ((${#pos[@]} == 1)) "
				"&& { COMPREPLY=($(compgen -W \"$(\"$afcq\" __complete %s 2>/dev/null)\" "
				"-- \"$cur\"))", p->words, p->after, p->second);
			if (p->names)
				fprintf(f, "; _afcq_names \"$afcq\" %s \"$cur\"", p->names);
			fprintf(f, "; }%s; fi ;;\n",
				p->files ? "; else COMPREPLY=($(compgen -f -- \"$cur\"))" : "");
		}
		else if (p->words[0])
			fprintf(f, "if ((${#pos[@]} == 0)); then COMPREPLY=($(compgen -W '%s' -- "
				"\"$cur\")); else COMPREPLY=($(compgen -f -- \"$cur\")); fi ;;\n",
				p->words);
		else
			fputs("COMPREPLY=() ;;\n", f);
	}
	fputs("\t*) COMPREPLY=($(compgen -f -- \"$cur\")) ;;\n"
	      "\tesac\n}\n"
	      "complete -F _afcq afcq\n", f);
}

int cmd_completion(const struct cli_opts *o)
{
	const char *shell = o->n_args == 1 ? o->args[0] : NULL;
	if (!shell || (strcmp(shell, "bash") != 0 && strcmp(shell, "zsh") != 0))
		return cli_failf(CLI_EXIT_USAGE, "completion: name the shell: bash or zsh");
	if (strcmp(shell, "zsh") == 0)
		fputs("#compdef afcq\n"
		      "# zsh completion for afcq: the bash completion through zsh's bashcompinit.\n"
		      "autoload -U +X bashcompinit && bashcompinit\n",
		      stdout);
	bash_script(stdout);
	return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
}

/* One line: id, or name when names (a name that would take two lines, or
 * none, is left out). */
static void put_book_word(long long id, const char *name, bool names)
{
	if (!names)
		printf("%lld\n", id);
	else if (name && name[0] && !strpbrk(name, "\r\n"))
		printf("%s\n", name);
}

/* The ids (or the names) of the customers, recently used first, or of
 * the products; nothing when the store cannot be opened. */
static void put_book_words(struct cli_session *s, bool customers, bool names)
{
	if (cli_session_open(s, CLI_NEED_STORE) != CLI_EXIT_OK)
		return;
	struct afcq_error e;
	afcq_error_clear(&e);
	if (customers) {
		struct afcq_customer *v = NULL;
		size_t n = 0;
		if (afcq_store_customers_find(s->store, NULL, 200, &v, &n, &e) == AFCQ_OK)
			for (size_t i = 0; i < n; i++)
				put_book_word(v[i].id, v[i].name, names);
		afcq_customers_free(v, n);
	} else {
		struct afcq_product *v = NULL;
		size_t n = 0;
		if (afcq_store_products_find(s->store, NULL, 200, &v, &n, &e) == AFCQ_OK)
			for (size_t i = 0; i < n; i++)
				put_book_word(v[i].id, v[i].name, names);
		afcq_products_free(v, n);
	}
}

/* __complete profiles | history-ids | history-refs | docs | customer-ids |
 * product-ids | customer-names | product-names | commands | options: one
 * word (or name) a line, nothing on any failure (completion must never print an error into
 * the command line being typed).  commands and options list the tables
 * themselves (the manual's completeness test reads them). */
int cmd_complete_words(const struct cli_opts *o)
{
	if (o->n_args != 1)
		return CLI_EXIT_USAGE;
	const char *kind = o->args[0];
	if (strcmp(kind, "commands") == 0 || strcmp(kind, "options") == 0) {
		const char *c;
		struct cli_option_info oi;
		if (kind[0] == 'c')
			for (size_t i = 0; (c = cli_command_at(i)); i++)
				if (!hidden(c))
					puts(c);
		if (kind[0] == 'o')
			for (size_t i = 0; cli_option_at(i, &oi); i++)
				printf("--%s\n", oi.name);
		return CLI_EXIT_OK;
	}
	struct cli_session s = { 0 };
	FILE *err = freopen("/dev/null", "w", stderr);
	(void)err;
	int rc = cli_session_config(&s, o);
	if (!rc && strcmp(kind, "profiles") == 0) {
		for (size_t i = 0; i < s.cfg.n_profile_names; i++)
			puts(s.cfg.profile_names[i]);
	} else if (!rc && (strcmp(kind, "history-ids") == 0 || strcmp(kind, "docs") == 0 ||
			   strcmp(kind, "history-refs") == 0)) {
		rc = cli_session_open(&s, CLI_NEED_HISTORY);
		struct afcq_history_entry *v = NULL;
		size_t n = 0;
		struct afcq_error e;
		afcq_error_clear(&e);
		if (!rc && afcq_history_list(s.history, 200, &v, &n, &e) == AFCQ_OK) {
			bool ids = kind[0] == 'h', refs = strcmp(kind, "history-refs") == 0;
			for (size_t i = 0; i < n; i++) {
				if (refs) {
					/* what afcq compare takes: quotes and invoices */
					if (v[i].kind && (strcmp(v[i].kind, "quote") == 0 ||
							  strcmp(v[i].kind, "invoice") == 0))
						printf("@%lld\n", (long long)v[i].id);
				} else if (ids)
					printf("%lld\n", (long long)v[i].id);
				else if (v[i].doc && v[i].doc[0])
					puts(v[i].doc);
			}
		}
		afcq_history_list_free(v, n);
	} else if (!rc && (strcmp(kind, "customer-ids") == 0 || strcmp(kind, "product-ids") == 0 ||
			   strcmp(kind, "customer-names") == 0 ||
			   strcmp(kind, "product-names") == 0)) {
		put_book_words(&s, kind[0] == 'c', strstr(kind, "-names") != NULL);
	}
	cli_session_done(&s);
	return CLI_EXIT_OK;
}
