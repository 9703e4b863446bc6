/* record.c - customers and products: lifecycle, and their JSON columns.
 *
 * The parts of a record that are lists or AFC objects (phones, bill-to,
 * exemptions, usual products, line items) are stored as JSON text in the
 * AFC wire format, written and read with the request codec, so a stored
 * bill-to or item means exactly what it means in a request file.
 */
#include "store_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "afcq/codec.h"
#include "afcq/str.h"

/* ---- lifecycle --------------------------------------------------------- */

static void strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static char **strv_copy(char *const *v, size_t n)
{
	if (n == 0)
		return NULL;
	char **out = afcq_xcalloc(n, sizeof *out);
	for (size_t i = 0; i < n; i++)
		out[i] = afcq_xstrdup(v[i]);
	return out;
}

static void strv_add(char ***v, size_t *n, const char *s)
{
	*v = afcq_xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = afcq_xstrdup(s ? s : "");
}

void afcq_customer_init(struct afcq_customer *c)
{
	memset(c, 0, sizeof *c);
}

void afcq_customer_done(struct afcq_customer *c)
{
	if (!c)
		return;
	free(c->name);
	free(c->account);
	strv_free(c->phones, c->n_phones);
	afcq_location_done(&c->bill);
	for (size_t i = 0; i < c->n_exms; i++)
		afcq_exemption_done(&c->exms[i]);
	free(c->exms);
	strv_free(c->products, c->n_products);
	free(c->uid);
	free(c->changed_by);
	free(c->changed_at);
	memset(c, 0, sizeof *c);
}

void afcq_customer_copy(struct afcq_customer *dst, const struct afcq_customer *src)
{
	*dst = *src;
	dst->name = afcq_xstrdup(src->name);
	dst->account = afcq_xstrdup(src->account);
	dst->phones = strv_copy(src->phones, src->n_phones);
	afcq_location_copy(&dst->bill, &src->bill);
	dst->exms = src->n_exms ? afcq_xcalloc(src->n_exms, sizeof *dst->exms) : NULL;
	for (size_t i = 0; i < src->n_exms; i++)
		afcq_exemption_copy(&dst->exms[i], &src->exms[i]);
	dst->products = strv_copy(src->products, src->n_products);
	dst->uid = afcq_xstrdup(src->uid);
	dst->changed_by = afcq_xstrdup(src->changed_by);
	dst->changed_at = afcq_xstrdup(src->changed_at);
}

void afcq_customer_add_phone(struct afcq_customer *c, const char *s)
{
	strv_add(&c->phones, &c->n_phones, s);
}

void afcq_customer_add_product(struct afcq_customer *c, const char *name)
{
	strv_add(&c->products, &c->n_products, name);
}

void afcq_customers_free(struct afcq_customer *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		afcq_customer_done(&v[i]);
	free(v);
}

void afcq_product_init(struct afcq_product *p)
{
	memset(p, 0, sizeof *p);
}

void afcq_product_done(struct afcq_product *p)
{
	if (!p)
		return;
	free(p->name);
	for (size_t i = 0; i < p->n_itms; i++)
		afcq_item_done(&p->itms[i]);
	free(p->itms);
	memset(p, 0, sizeof *p);
}

void afcq_product_copy(struct afcq_product *dst, const struct afcq_product *src)
{
	*dst = *src;
	dst->name = afcq_xstrdup(src->name);
	dst->itms = src->n_itms ? afcq_xcalloc(src->n_itms, sizeof *dst->itms) : NULL;
	for (size_t i = 0; i < src->n_itms; i++)
		afcq_item_copy(&dst->itms[i], &src->itms[i]);
}

void afcq_products_free(struct afcq_product *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		afcq_product_done(&v[i]);
	free(v);
}

/* ---- columns ------------------------------------------------------------ */

static char *dump_new(json_t *j)
{
	char *s = afcq_json_dump(j, AFCQ_JSON_COMPACT);
	json_decref(j);
	return s;
}

static json_t *strv_json(char *const *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i] ? v[i] : ""));
	return a;
}

void store_customer_cols(const struct afcq_customer *c, struct store_customer_cols *cols)
{
	cols->phones = dump_new(strv_json(c->phones, c->n_phones));
	cols->bill = c->bill.present ? dump_new(afcq_codec_location_to_json(&c->bill))
				     : afcq_xstrdup("{}");
	cols->exms = dump_new(afcq_codec_exemptions_to_json(c->exms, c->n_exms));
	cols->products = dump_new(strv_json(c->products, c->n_products));
	cols->search = store_search_key(c);
}

void store_customer_cols_done(struct store_customer_cols *cols)
{
	free(cols->phones);
	free(cols->bill);
	free(cols->exms);
	free(cols->products);
	free(cols->search);
	memset(cols, 0, sizeof *cols);
}

static json_t *load(const char *text)
{
	return text ? json_loads(text, 0, NULL) : NULL;
}

static void strv_from_json(const char *text, char ***v, size_t *n)
{
	json_t *j = load(text);
	size_t i;
	json_t *e;
	json_array_foreach(j, i, e) {
		if (json_is_string(e))
			strv_add(v, n, json_string_value(e));
	}
	json_decref(j);
}

void store_customer_from_cols(struct afcq_customer *c, const char *phones, const char *bill,
			      const char *exms, const char *products)
{
	strv_from_json(phones, &c->phones, &c->n_phones);
	strv_from_json(products, &c->products, &c->n_products);
	json_t *j = load(bill);
	if (json_is_object(j) && json_object_size(j) > 0)
		afcq_codec_location_from_json(j, "bill", &c->bill, NULL);
	json_decref(j);
	j = load(exms);
	if (json_is_array(j))
		afcq_codec_exemptions_from_json(j, "exms", &c->exms, &c->n_exms, NULL);
	json_decref(j);
}

char *store_search_key_of_cols(const char *name, const char *account, const char *phones,
			       const char *bill)
{
	struct afcq_customer c;
	afcq_customer_init(&c);
	c.name = name ? afcq_xstrdup(name) : NULL;
	c.account = account ? afcq_xstrdup(account) : NULL;
	store_customer_from_cols(&c, phones, bill, NULL, NULL);
	char *key = store_search_key(&c);
	afcq_customer_done(&c);
	return key;
}

char *store_items_json(const struct afcq_product *p)
{
	return dump_new(afcq_codec_items_to_json(p->itms, p->n_itms));
}

void store_product_items_from_json(struct afcq_product *p, const char *itms)
{
	json_t *j = load(itms);
	if (json_is_array(j))
		afcq_codec_items_from_json(j, "itms", &p->itms, &p->n_itms, NULL);
	json_decref(j);
}

/* ---- who and when ------------------------------------------------------- */

void store_now(char *buf, size_t n)
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

char *store_new_uid(void)
{
	unsigned char r[16];
	size_t got = 0;
	while (got < sizeof r) {
		ssize_t k = getrandom(r + got, sizeof r - got, 0);
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	if (got < sizeof r) {
		/* No entropy source: time and pid still make it unique enough here. */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		long long mix[2] = { (long long)ts.tv_sec ^ getpid(), ts.tv_nsec };
		memcpy(r, mix, sizeof r);
	}
	char hex[33];
	for (size_t i = 0; i < sizeof r; i++)
		snprintf(hex + 2 * i, 3, "%02x", r[i]);
	return afcq_xstrdup(hex);
}
