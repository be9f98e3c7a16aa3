/*
 * The shared conformance corpus (the JSON files of tests/corpus) through the C ABI.
 * The Rust runner (tests/corpus.rs) documents the case format; this runner
 * asks every case through the C functions and compares the same documented
 * fields with the expectation.
 *
 *   corpus FILE.json...     exit 0 when every case gives its expected answer
 */
#include "mini_json.h"
#include "peer_support.h"

#include <math.h>
#include <stdarg.h>

static int failures;
static const char *file_name;
static const char *case_id;

static void fail(const char *format, ...) {
    va_list args;
    fprintf(stderr, "%s %s: ", file_name, case_id);
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
    failures++;
}

/* ---- small growing buffer for requests ---- */

typedef struct {
    char *text;
    size_t len;
    size_t cap;
} buffer;

static void put(buffer *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *text = (char *)realloc(b->text, cap);
        if (!text) {
            j_fail("out of memory");
        }
        b->text = text;
        b->cap = cap;
    }
    memcpy(b->text + b->len, s, n);
    b->len += n;
    b->text[b->len] = '\0';
}

static void puts_(buffer *b, const char *s) { put(b, s, strlen(s)); }

/* Puts `"key": <the value's text as the case writes it>`, if present. */
static void put_member(buffer *b, const jvalue *c, const char *key) {
    const jvalue *v = j_get(c, key);
    if (!v) {
        return;
    }
    puts_(b, ", \"");
    puts_(b, key);
    puts_(b, "\": ");
    put(b, v->start, v->span);
}

/* ---- names of the documented enums and error kinds ---- */

static const char *outcome_name(peer_support_outcome outcome) {
    switch (outcome) {
    case PEER_SUPPORT_OUTCOME_ALLOWED: return "allowed";
    case PEER_SUPPORT_OUTCOME_ALLOWED_WITH_CONDITIONS: return "allowed_with_conditions";
    case PEER_SUPPORT_OUTCOME_SHOULD_NOT: return "should_not";
    case PEER_SUPPORT_OUTCOME_FORBIDDEN: return "forbidden";
    case PEER_SUPPORT_OUTCOME_NOT_ADDRESSED: return "not_addressed";
    case PEER_SUPPORT_OUTCOME_NOT_IN_CATALOGUE: return "not_in_catalogue";
    case PEER_SUPPORT_OUTCOME_RETIRED: return "retired";
    default: return "(unknown outcome)";
    }
}

/* The result code of a policy error of each documented kind
 * (PolicyError::kind in core/src/error.rs). */
static peer_support_result error_code(const char *kind) {
    static const struct {
        const char *kind;
        peer_support_result code;
    } codes[] = {
        {"syntax", PEER_SUPPORT_RESULT_SYNTAX},
        {"shape", PEER_SUPPORT_RESULT_SHAPE},
        {"unsupported_schema_version", PEER_SUPPORT_RESULT_UNSUPPORTED_SCHEMA_VERSION},
        {"missing", PEER_SUPPORT_RESULT_MISSING},
        {"invalid_id", PEER_SUPPORT_RESULT_INVALID_ID},
        {"duplicate_id", PEER_SUPPORT_RESULT_DUPLICATE_ID},
        {"duplicate_code", PEER_SUPPORT_RESULT_DUPLICATE_CODE},
        {"code_out_of_range", PEER_SUPPORT_RESULT_CODE_OUT_OF_RANGE},
        {"unknown_action", PEER_SUPPORT_RESULT_POLICY_UNKNOWN_ACTION},
        {"unknown_evidence_kind", PEER_SUPPORT_RESULT_POLICY_UNKNOWN_EVIDENCE_KIND},
        {"conditions_mismatch", PEER_SUPPORT_RESULT_CONDITIONS_MISMATCH},
        {"loosens", PEER_SUPPORT_RESULT_LOOSENS},
        {"departs_without_deviation", PEER_SUPPORT_RESULT_DEPARTS_WITHOUT_DEVIATION},
        {"cannot_depart", PEER_SUPPORT_RESULT_CANNOT_DEPART},
        {"unknown_rule", PEER_SUPPORT_RESULT_UNKNOWN_RULE},
    };
    size_t i;
    for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        if (strcmp(codes[i].kind, kind) == 0) {
            return codes[i].code;
        }
    }
    return 0xFFFFFFFFu;
}

/* ---- comparisons ---- */

/* Whether two strings, either of which may be NULL, are the same string. */
static int str_eq(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* The expectation's field `key`, which the case format requires. */
static const jvalue *required(const jvalue *expect, const char *key) {
    const jvalue *v = j_get(expect, key);
    if (!v) {
        fail("expect lacks %s", key);
    }
    return v;
}

static int same_string(const char *what, const char *got, const jvalue *want) {
    if (!want) {
        return 1;
    }
    if (want->type == J_NULL) {
        if (got) {
            fail("%s: %s, expected null", what, got);
            return 0;
        }
        return 1;
    }
    if (want->type != J_STRING || !got || strcmp(got, want->string) != 0) {
        fail("%s: %s, expected %.*s", what, got ? got : "null", (int)want->span, want->start);
        return 0;
    }
    return 1;
}

static int same_number(const char *what, const jvalue *got, const jvalue *want) {
    if (!want) {
        return 1;
    }
    if (want->type == J_NULL || !got || got->type == J_NULL) {
        if ((want->type == J_NULL) != (!got || got->type == J_NULL)) {
            fail("%s: %.*s, expected %.*s", what, got ? (int)got->span : 4,
                 got ? got->start : "null", (int)want->span, want->start);
            return 0;
        }
        return 1;
    }
    if (got->type != J_NUMBER || fabs(got->number - want->number) > 1e-6) {
        fail("%s: %.*s, expected %.*s", what, (int)got->span, got->start, (int)want->span,
             want->start);
        return 0;
    }
    return 1;
}

static int same_bool(const char *what, const jvalue *got, const jvalue *want) {
    if (!want) {
        return 1;
    }
    if (!got || got->type != J_BOOL || got->boolean != want->boolean) {
        fail("%s: %.*s, expected %.*s", what, got ? (int)got->span : 7,
             got ? got->start : "missing", (int)want->span, want->start);
        return 0;
    }
    return 1;
}

/* `got` (an array of objects) lists, by their member `key` (or, with key
 * NULL, as strings), exactly the strings of `want`, in order. */
static int same_ids(const char *what, const jvalue *got, const char *key, const jvalue *want) {
    size_t i;
    if (!want) {
        return 1;
    }
    if (!got || got->type != J_ARRAY || got->len != want->len) {
        fail("%s: %.*s, expected %.*s", what, got ? (int)got->span : 7,
             got ? got->start : "missing", (int)want->span, want->start);
        return 0;
    }
    for (i = 0; i < want->len; i++) {
        const char *id = key ? j_str(&got->items[i], key)
                             : (got->items[i].type == J_STRING ? got->items[i].string : NULL);
        if (want->items[i].type != J_STRING || !str_eq(id, want->items[i].string)) {
            fail("%s: %.*s, expected %.*s", what, (int)got->span, got->start, (int)want->span,
                 want->start);
            return 0;
        }
    }
    return 1;
}

/* ---- the questions ---- */

static void ask_decision(const peer_support_engine *engine, const jvalue *c,
                         const jvalue *expect) {
    const char *action = j_str(c, "action");
    const jvalue *code = j_get(c, "code");
    const jvalue *on = j_get(expect, "conditions_on");
    const jvalue *departed = j_get(expect, "deviations");
    peer_support_decision by[2];
    int asked = 1, k;
    size_t i, j;
    if (peer_support_decide_id(engine, action, strlen(action), &by[0]) != PEER_SUPPORT_RESULT_OK) {
        fail("decide_id failed: %s", peer_support_last_error());
        return;
    }
    if (code) {
        if (peer_support_decide_code(engine, (uint32_t)code->number, &by[1]) !=
            PEER_SUPPORT_RESULT_OK) {
            fail("decide_code failed: %s", peer_support_last_error());
            return;
        }
        asked = 2;
    }
    for (k = 0; k < asked; k++) {
        const peer_support_decision *d = &by[k];
        if (!same_string(k ? "by code: outcome" : "by id: outcome", outcome_name(d->outcome),
                         required(expect, "outcome"))) {
            continue;
        }
        if (on) {
            /* The parties whose conditions apply, each once, in any order. */
            int want_s = 0, want_e = 0, got_s = 0, got_e = 0;
            for (i = 0; i < on->len; i++) {
                want_s |= str_eq(on->items[i].string, "supporter");
                want_e |= str_eq(on->items[i].string, "employer");
            }
            for (i = 0; i < d->condition_count; i++) {
                peer_support_condition cond;
                if (peer_support_decision_condition(engine, d->code, i, &cond) !=
                    PEER_SUPPORT_RESULT_OK) {
                    fail("decision_condition failed: %s", peer_support_last_error());
                    return;
                }
                got_s |= cond.on == PEER_SUPPORT_PARTY_SUPPORTER;
                got_e |= cond.on == PEER_SUPPORT_PARTY_EMPLOYER;
            }
            if (want_s != got_s || want_e != got_e) {
                fail("conditions on supporter %d employer %d, expected %d %d", got_s, got_e,
                     want_s, want_e);
            }
        }
        if (departed) {
            int same = departed->len == d->departed_count;
            for (j = 0; same && j < departed->len; j++) {
                same = str_eq(departed->items[j].string, d->departed_rule_ids[j]);
            }
            if (!same) {
                fail("deviations differ from %.*s", (int)departed->span, departed->start);
            }
        }
    }
    if (asked == 2 && (by[0].outcome != by[1].outcome || by[0].rule_count != by[1].rule_count ||
                       by[0].rule_ids != by[1].rule_ids)) {
        fail("the decision by code differs from the decision by id");
    }
}

typedef peer_support_result (*json_call)(const peer_support_engine *, const char *, size_t,
                                         char **, size_t *);

/* Sends `request`; returns the parsed response (J_NULL on failure). */
static jvalue respond(const peer_support_engine *engine, json_call call, const buffer *request,
                      char **text) {
    size_t len = 0;
    jvalue none;
    memset(&none, 0, sizeof none);
    *text = NULL;
    if (call(engine, request->text, request->len, text, &len) != PEER_SUPPORT_RESULT_OK) {
        fail("the request failed: %s", peer_support_last_error());
        return none;
    }
    if (len != strlen(*text)) {
        fail("out_len %zu is not the response's length", len);
    }
    return j_parse(*text, len);
}

static void ask_qualification(const peer_support_engine *engine, const jvalue *c,
                              const jvalue *expect) {
    buffer q = {0};
    char *text;
    jvalue response;
    const jvalue *r, *needs;
    size_t i, j;
    puts_(&q, "{\"schema_version\": 1, \"lang\": \"en\"");
    put_member(&q, c, "as_of");
    put_member(&q, c, "evidence");
    puts_(&q, "}");
    response = respond(engine, peer_support_certification_json, &q, &text);
    r = j_get(&response, "certification");
    if (r) {
        same_string("standing", j_str(r, "standing"), required(expect, "standing"));
        same_string("status", j_str(j_get(r, "status"), "id"), required(expect, "status"));
        same_string("category", j_str(j_get(r, "status"), "category"),
                    required(expect, "category"));
        same_string("met_on", j_str(r, "met_on"), required(expect, "met_on"));
        same_ids("missing", j_get(r, "missing"), "rule_id", required(expect, "missing"));
        same_ids("unmet_recommendations", j_get(r, "unmet_recommendations"), "rule_id",
                 required(expect, "unmet_recommendations"));
        needs = j_get(expect, "needs");
        for (i = 0; needs && i < needs->len; i++) {
            const jvalue *unmet = NULL;
            const jvalue *lists[2];
            int l;
            lists[0] = j_get(r, "missing");
            lists[1] = j_get(r, "unmet_recommendations");
            for (l = 0; l < 2 && !unmet; l++) {
                for (j = 0; lists[l] && j < lists[l]->len; j++) {
                    const char *id = j_str(&lists[l]->items[j], "rule_id");
                    if (str_eq(id, needs->keys[i])) {
                        unmet = &lists[l]->items[j];
                    }
                }
            }
            if (!unmet) {
                fail("%s is met", needs->keys[i]);
                continue;
            } else {
                const jvalue *got = j_get(unmet, "evidence");
                const jvalue *want = &needs->items[i];
                int same = got && got->len == want->len;
                for (j = 0; same && j < want->len; j++) {
                    same = want->items[j].len == 2 &&
                           str_eq(j_str(&got->items[j], "kind"), want->items[j].items[0].string) &&
                           str_eq(j_str(&got->items[j], "state"), want->items[j].items[1].string);
                }
                if (!same) {
                    fail("%s: needs differ from %.*s", needs->keys[i], (int)want->span,
                         want->start);
                }
            }
        }
    } else if (response.type != J_NULL) {
        fail("no certification in the response");
    }
    j_free(&response);
    peer_support_string_free(text);
    free(q.text);
}

static void ask_supervision(const peer_support_engine *engine, const jvalue *c,
                            const jvalue *expect) {
    buffer q = {0};
    char *text;
    jvalue response;
    const jvalue *kinds;
    size_t i, j;
    puts_(&q, "{\"schema_version\": 1, \"lang\": \"en\"");
    put_member(&q, c, "as_of");
    put_member(&q, c, "start");
    put_member(&q, c, "sessions");
    put_member(&q, c, "evidence");
    puts_(&q, "}");
    response = respond(engine, peer_support_supervision_json, &q, &text);
    kinds = j_get(&response, "supervision");
    if (!kinds && response.type != J_NULL) {
        fail("no supervision in the response");
    }
    for (i = 0; kinds && i < expect->len; i++) {
        const jvalue *want = &expect->items[i];
        const jvalue *got = NULL;
        const char *fields[] = {"days_overdue", "window_days", "overdue_days"};
        const char *span[] = {"months", "days"};
        for (j = 0; j < kinds->len; j++) {
            if (str_eq(j_str(&kinds->items[j], "kind"), expect->keys[i])) {
                got = &kinds->items[j];
            }
        }
        if (!got) {
            fail("%s is not required", expect->keys[i]);
            continue;
        }
        same_string("next_due", j_str(got, "next_due"), required(want, "next_due"));
        for (j = 0; j < 3; j++) {
            same_number(fields[j], j_get(got, fields[j]), required(want, fields[j]));
        }
        required(want, "interval");
        for (j = 0; j < 2; j++) {
            /* A span's part not written is 0. */
            const jvalue *g = j_get(j_get(got, "interval"), span[j]);
            const jvalue *w = j_get(j_get(want, "interval"), span[j]);
            double gv = g ? g->number : 0, wv = w ? w->number : 0;
            if (gv != wv) {
                fail("%s: interval %s %g, expected %g", expect->keys[i], span[j], gv, wv);
            }
        }
    }
    j_free(&response);
    peer_support_string_free(text);
    free(q.text);
}

static void ask_readiness(const peer_support_engine *engine, const jvalue *c,
                          const jvalue *expect) {
    buffer q = {0};
    char *text;
    jvalue response;
    const jvalue *r, *components;
    size_t i, j;
    puts_(&q, "{\"schema_version\": 1, \"lang\": \"en\"");
    put_member(&q, c, "facts");
    put_member(&q, c, "started");
    puts_(&q, "}");
    response = respond(engine, peer_support_readiness_json, &q, &text);
    r = j_get(&response, "readiness");
    if (!r && response.type != J_NULL) {
        fail("no readiness in the response");
    }
    if (r) {
        same_bool("ready", j_get(r, "ready"), required(expect, "ready"));
        same_ids("missing", j_get(r, "missing"), "rule_id", j_get(expect, "missing"));
        same_ids("suggestions", j_get(r, "suggestions"), "rule_id", j_get(expect, "suggestions"));
        same_ids("not_yet_due", j_get(r, "not_yet_due"), NULL, j_get(expect, "not_yet_due"));
        components = j_get(expect, "components");
        for (i = 0; components && i < components->len; i++) {
            const jvalue *all = j_get(r, "components");
            const jvalue *got = NULL;
            for (j = 0; all && j < all->len; j++) {
                if (str_eq(j_str(&all->items[j], "component"), components->keys[i])) {
                    got = &all->items[j];
                }
            }
            if (!got) {
                fail("no component %s", components->keys[i]);
                continue;
            }
            same_number("score", j_get(got, "score"), required(&components->items[i], "score"));
            same_number("in_place", j_get(got, "in_place"),
                        required(&components->items[i], "in_place"));
            same_number("due", j_get(got, "due"), required(&components->items[i], "due"));
        }
    }
    j_free(&response);
    peer_support_string_free(text);
    free(q.text);
}

static void ask_classification(const peer_support_engine *engine, const jvalue *c,
                               const jvalue *expect) {
    buffer q = {0};
    char *text;
    jvalue response;
    const jvalue *r, *note;
    puts_(&q, "{\"schema_version\": 1");
    put_member(&q, c, "text");
    puts_(&q, "}");
    response = respond(engine, peer_support_classify_participation_json, &q, &text);
    r = j_get(&response, "classification");
    if (!r && response.type != J_NULL) {
        fail("no classification in the response");
    }
    if (r) {
        same_ids("rungs", j_get(r, "rungs"), NULL, required(expect, "rungs"));
        same_ids("methods", j_get(r, "matches"), "method", j_get(expect, "methods"));
        same_bool("ambiguous", j_get(r, "ambiguous"), required(expect, "ambiguous"));
        note = required(expect, "mandate_note");
        if (note) {
            const jvalue *got = j_get(r, "mandate_note");
            int has = got && got->type != J_NULL;
            if (has != note->boolean) {
                fail("mandate_note %d, expected %d", has, note->boolean);
            }
        }
    }
    j_free(&response);
    peer_support_string_free(text);
    free(q.text);
}

static void ask_promise(const peer_support_engine *engine, const jvalue *c, const jvalue *expect) {
    buffer q = {0};
    char *text;
    jvalue response;
    const jvalue *r;
    puts_(&q, "{\"schema_version\": 1, \"lang\": \"en\"");
    put_member(&q, c, "promised");
    put_member(&q, c, "delivered");
    puts_(&q, "}");
    response = respond(engine, peer_support_check_promise_json, &q, &text);
    r = j_get(&response, "promise");
    if (!r && response.type != J_NULL) {
        fail("no promise in the response");
    }
    if (r) {
        same_string("outcome", j_str(r, "outcome"), required(expect, "outcome"));
    }
    j_free(&response);
    peer_support_string_free(text);
    free(q.text);
}

static void run_case(const jvalue *c) {
    const char *model = j_str(c, "model");
    const jvalue *policy = j_get(c, "policy");
    const jvalue *expect = j_get(c, "expect");
    const jvalue *error = j_get(expect, "error");
    peer_support_engine *engine = NULL;
    peer_support_result result;
    const char *source = j_str(c, "source");
    if (!source || !source[0]) {
        fail("no source");
    }
    if (model && policy) {
        fail("give exactly one of model and policy");
        return;
    }
    if (model) {
        result = peer_support_engine_builtin(model, strlen(model), &engine);
    } else if (policy) {
        result = peer_support_engine_from_policy_json(policy->start, policy->span, &engine);
    } else {
        fail("give a model or a policy");
        return;
    }
    if (error) {
        const char *path = j_str(expect, "path");
        if (error->type != J_STRING || result != error_code(error->string)) {
            fail("result %u (%s), expected the code of %.*s", (unsigned)result,
                 peer_support_last_error(), (int)error->span, error->start);
        } else if (path) {
            /* The message names the document, then the path: "unit policy: PATH: ...". */
            char needle[512];
            snprintf(needle, sizeof needle, ": %s: ", path);
            if (!strstr(peer_support_last_error(), needle)) {
                fail("the message does not name %s", path);
            }
        }
        peer_support_engine_free(engine);
        return;
    }
    if (result != PEER_SUPPORT_RESULT_OK) {
        fail("the engine was not made: %s", peer_support_last_error());
        return;
    }
    if (j_get(c, "action")) {
        ask_decision(engine, c, expect);
    } else if (j_get(c, "sessions")) {
        ask_supervision(engine, c, expect);
    } else if (j_get(c, "evidence")) {
        ask_qualification(engine, c, expect);
    } else if (j_get(c, "facts") || j_get(c, "started")) {
        ask_readiness(engine, c, expect);
    } else if (j_get(c, "text")) {
        ask_classification(engine, c, expect);
    } else if (j_get(c, "delivered")) {
        ask_promise(engine, c, expect);
    } else {
        fail("no question this runner knows");
    }
    peer_support_engine_free(engine);
}

int main(int argc, char **argv) {
    int i, cases = 0;
    for (i = 1; i < argc; i++) {
        size_t len, k;
        char *text = j_read_file(argv[i], &len);
        jvalue corpus = j_parse(text, len);
        const jvalue *all = j_get(&corpus, "cases");
        const jvalue *version = j_get(&corpus, "corpus_version");
        file_name = argv[i];
        case_id = "(file)";
        if (!version || version->type != J_NUMBER || version->number != 3) {
            fail("corpus_version is not 3");
        }
        for (k = 0; all && k < all->len; k++) {
            case_id = j_str(&all->items[k], "id");
            if (!case_id) {
                case_id = "(a case without an id)";
                fail("no id");
            }
            run_case(&all->items[k]);
            cases++;
        }
        j_free(&corpus);
        free(text);
    }
    if (cases == 0) {
        fprintf(stderr, "corpus: no cases\n");
        return 1;
    }
    printf("corpus through C: %d cases, %d failures\n", cases, failures);
    return failures ? 1 : 0;
}
