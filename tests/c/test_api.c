/*
 * Every function of the C ABI: its success path and every result code it
 * can give. Codes no call can give are listed at the end with the reason
 * (ffi/src/tests.rs checks that this file names every code).
 *
 * Every input that could leak carries the marker "Tolvan" (the Swedish test
 * identity); no message may repeat it.
 */
#include "peer_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int checks, failures;
/* The message of the failure made just before the call under test. */
static char primed[256];

#define CHECK(cond)                                                                     \
    do {                                                                                \
        checks++;                                                                       \
        if (!(cond)) {                                                                  \
            failures++;                                                                 \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);    \
        }                                                                               \
    } while (0)

/* `result` is `code`; the thread's message is set and holds no input. */
static void expect_code(int line, peer_support_result result, peer_support_result code) {
    const char *last = peer_support_last_error();
    checks++;
    if (result != code) {
        failures++;
        fprintf(stderr, "test_api.c:%d: result %u, expected %u (last error: %s)\n", line,
                (unsigned)result, (unsigned)code, last);
        return;
    }
    if (code != PEER_SUPPORT_RESULT_OK && (last[0] == '\0' || strstr(last, "Tolvan") ||
                                           strstr(last, "tolvan") || strstr(last, "19121212"))) {
        failures++;
        fprintf(stderr, "test_api.c:%d: last error empty or repeats the input: %s\n", line, last);
    }
    if (code != PEER_SUPPORT_RESULT_OK && code != PEER_SUPPORT_RESULT_INDEX_OUT_OF_RANGE &&
        strcmp(last, primed) == 0) {
        failures++;
        fprintf(stderr, "test_api.c:%d: the failure left an earlier message: %s\n", line, last);
    }
}
/* Makes a call fail with a message of its own, so that a later failure's
 * message is known to be that failure's (a successful call leaves the last
 * message as it is). */
static const char *prime(void) {
    peer_support_model model;
    peer_support_model_at((size_t)-1, &model);
    return peer_support_last_error();
}


/* Primes the last error, then checks `call` gave `code` and, on failure, a
 * message of its own. */
#define EXPECT(call, code)                                                   \
    do {                                                                     \
        snprintf(primed, sizeof primed, "%s", prime());                      \
        expect_code(__LINE__, (call), (code));                               \
    } while (0)

#define S(text) text, strlen(text)

static peer_support_engine *builtin(const char *model) {
    peer_support_engine *engine = NULL;
    EXPECT(peer_support_engine_builtin(S(model), &engine), PEER_SUPPORT_RESULT_OK);
    return engine;
}

/* A policy that fails to load with `code`. */
static void policy_fails(int line, const char *json, peer_support_result code) {
    peer_support_engine *engine = (peer_support_engine *)&line; /* must stay unwritten */
    peer_support_engine *before = engine;
    snprintf(primed, sizeof primed, "%s", prime());
    expect_code(line, peer_support_engine_from_policy_json(S(json), &engine), code);
    checks++;
    if (engine != before) {
        failures++;
        fprintf(stderr, "test_api.c:%d: out_engine written on failure\n", line);
    }
}
#define POLICY_FAILS(json, code) policy_fails(__LINE__, json, code)

#define CIT "\"citation\": {\"source\": \"Tolvan rutin\", \"line\": 1, \"quote\": \"Tolvan\"}"
#define MSG "\"message\": {\"sv\": \"Tolvan\", \"en\": \"Tolvan\"}"
#define HEAD(model) "{\"schema_version\": 3, \"id\": \"tolvan.unit\", \"extends\": \"" model "\""
#define ACTION(id, code) \
    "{\"id\": \"" id "\", \"code\": " code ", \"group\": \"outreach\", \"label\": {\"sv\": \"Tolvan\", \"en\": \"Tolvan\"}}"
#define RULE(id, action, verdict) \
    "{\"id\": \"" id "\", \"action\": \"" action "\", \"verdict\": \"" verdict "\", " CIT ", " MSG "}"

static void test_version_and_messages(void) {
    char expected[32];
    snprintf(expected, sizeof expected, "%d.%d.%d", PEER_SUPPORT_VERSION_MAJOR,
             PEER_SUPPORT_VERSION_MINOR, PEER_SUPPORT_VERSION_PATCH);
    CHECK(strcmp(peer_support_version(), expected) == 0);
    CHECK(strcmp(peer_support_result_message(PEER_SUPPORT_RESULT_OK), "success") == 0);
    CHECK(strstr(peer_support_result_message(PEER_SUPPORT_RESULT_BUFFER_TOO_SMALL), "buffer"));
    CHECK(strcmp(peer_support_result_message(12345), "unknown result code") == 0);
}

static void test_models(void) {
    size_t i, n = peer_support_model_count();
    peer_support_model model;
    CHECK(n == 4);
    for (i = 0; i < n; i++) {
        peer_support_engine *engine;
        EXPECT(peer_support_model_at(i, &model), PEER_SUPPORT_RESULT_OK);
        CHECK(model.id && model.name_sv && model.name_en && model.name_sv[0] && model.name_en[0]);
        engine = builtin(model.id);
        CHECK(strcmp(peer_support_engine_policy_id(engine), model.id) == 0);
        peer_support_engine_free(engine);
    }
    EXPECT(peer_support_model_at(0, &model), PEER_SUPPORT_RESULT_OK);
    CHECK(strcmp(model.id, "nsph") == 0);
    EXPECT(peer_support_model_at(n, &model), PEER_SUPPORT_RESULT_INDEX_OUT_OF_RANGE);
    EXPECT(peer_support_model_at(0, NULL), PEER_SUPPORT_RESULT_NULL_ARGUMENT);
}

static void test_engine_arguments(void) {
    peer_support_engine *engine = NULL;
    EXPECT(peer_support_engine_builtin(NULL, 3, &engine), PEER_SUPPORT_RESULT_NULL_ARGUMENT);
    EXPECT(peer_support_engine_builtin(S("rkc"), NULL), PEER_SUPPORT_RESULT_NULL_ARGUMENT);
    EXPECT(peer_support_engine_builtin("rk\xff", 3, &engine), PEER_SUPPORT_RESULT_INVALID_UTF8);
    EXPECT(peer_support_engine_builtin("rkc\0tolvan", 10, &engine),
           PEER_SUPPORT_RESULT_LENGTH_MISMATCH);
    EXPECT(peer_support_engine_builtin(S("Tolvan"), &engine), PEER_SUPPORT_RESULT_UNKNOWN_MODEL);
    /* One byte more than the library reads (refused before it is read). */
    {
        size_t size = (size_t)PEER_SUPPORT_MAX_DOCUMENT_BYTES + 1;
        char *big = (char *)malloc(size);
        CHECK(big != NULL);
        if (big) {
            memset(big, ' ', size);
            EXPECT(peer_support_engine_from_policy_json(big, size, &engine),
                   PEER_SUPPORT_RESULT_INPUT_TOO_LARGE);
            free(big);
        }
    }
    CHECK(engine == NULL);
    /* A prefix of a longer string is read as that prefix. */
    EXPECT(peer_support_engine_builtin("rkcTolvan", 3, &engine), PEER_SUPPORT_RESULT_OK);
    CHECK(engine != NULL);
    peer_support_engine_free(engine);
    peer_support_engine_free(NULL);
    CHECK(peer_support_engine_policy_id(NULL) == NULL);
    CHECK(peer_support_engine_policy_hash(NULL) == NULL);
    CHECK(peer_support_action_count(NULL) == 0);
}

static void test_policy_errors(void) {
    peer_support_engine *engine = NULL;
    const char *good = HEAD("rkc") ", \"actions\": [" ACTION("tolvan.a", "10000") "], "
                       "\"boundaries\": [" RULE("tolvan.r", "tolvan.a", "forbidden") "]}";
    EXPECT(peer_support_engine_from_policy_json(S(good), &engine), PEER_SUPPORT_RESULT_OK);
    CHECK(strcmp(peer_support_engine_policy_id(engine), "tolvan.unit") == 0);
    CHECK(strncmp(peer_support_engine_policy_hash(engine), "fnv1a64:", 8) == 0);
    CHECK(strlen(peer_support_engine_policy_hash(engine)) == 8 + 16);
    peer_support_engine_free(engine);

    POLICY_FAILS("{\"schema_version\": 3, \"id\": \"tolvan", PEER_SUPPORT_RESULT_SYNTAX);
    POLICY_FAILS(HEAD("rkc") ", \"tolvan\": 1}", PEER_SUPPORT_RESULT_SHAPE);
    POLICY_FAILS("{\"schema_version\": 2, \"id\": \"tolvan\", \"extends\": \"rkc\"}",
                 PEER_SUPPORT_RESULT_UNSUPPORTED_SCHEMA_VERSION);
    POLICY_FAILS("{\"schema_version\": 3, \"id\": \"\", \"extends\": \"rkc\"}",
                 PEER_SUPPORT_RESULT_MISSING);
    POLICY_FAILS("{\"schema_version\": 3, \"id\": \"Tolvan 19121212\", \"extends\": \"rkc\"}",
                 PEER_SUPPORT_RESULT_INVALID_ID);
    POLICY_FAILS(HEAD("rkc") ", \"actions\": [" ACTION("tolvan.a", "10000") ", "
                 ACTION("tolvan.a", "10001") "]}",
                 PEER_SUPPORT_RESULT_DUPLICATE_ID);
    POLICY_FAILS(HEAD("rkc") ", \"actions\": [" ACTION("tolvan.a", "10000") ", "
                 ACTION("tolvan.b", "10000") "]}",
                 PEER_SUPPORT_RESULT_DUPLICATE_CODE);
    POLICY_FAILS(HEAD("rkc") ", \"actions\": [" ACTION("tolvan.a", "5") "]}",
                 PEER_SUPPORT_RESULT_CODE_OUT_OF_RANGE);
    POLICY_FAILS(HEAD("rkc") ", \"boundaries\": [" RULE("tolvan.r", "tolvan.a", "forbidden") "]}",
                 PEER_SUPPORT_RESULT_POLICY_UNKNOWN_ACTION);
    POLICY_FAILS(HEAD("nsph") ", \"certification\": {\"should_not_require\": [{\"id\": "
                 "\"tolvan.s\", \"evidence\": \"tolvan.kind\", " CIT ", " MSG "}]}}",
                 PEER_SUPPORT_RESULT_POLICY_UNKNOWN_EVIDENCE_KIND);
    POLICY_FAILS(HEAD("rkc") ", \"actions\": [" ACTION("tolvan.a", "10000") "], \"boundaries\": ["
                 RULE("tolvan.r", "tolvan.a", "allowed_with_conditions") "]}",
                 PEER_SUPPORT_RESULT_CONDITIONS_MISMATCH);
    POLICY_FAILS(HEAD("rkc") ", \"boundaries\": ["
                 RULE("tolvan.r", "patient.treatment_advice", "allowed") "]}",
                 PEER_SUPPORT_RESULT_LOOSENS);
    POLICY_FAILS(HEAD("rkc") ", \"boundaries\": ["
                 RULE("tolvan.r", "disclosure.trauma_details_patients", "allowed") "]}",
                 PEER_SUPPORT_RESULT_DEPARTS_WITHOUT_DEVIATION);
    POLICY_FAILS(HEAD("rkc") ", \"deviations\": [{\"model_rule\": \"rkc.limit.no_treatment_advice\","
                 " \"reason\": {\"sv\": \"Tolvan\", \"en\": \"Tolvan\"}, " CIT "}]}",
                 PEER_SUPPORT_RESULT_CANNOT_DEPART);
    POLICY_FAILS(HEAD("rkc") ", \"deviations\": [{\"model_rule\": \"rkc.tolvan\","
                 " \"reason\": {\"sv\": \"Tolvan\", \"en\": \"Tolvan\"}, " CIT "}]}",
                 PEER_SUPPORT_RESULT_UNKNOWN_RULE);
    /* A label a C string cannot carry: the policy loads in Rust, not here. */
    POLICY_FAILS(HEAD("rkc") ", \"actions\": [{\"id\": \"tolvan.a\", \"code\": 10000, \"group\": "
                 "\"outreach\", \"label\": {\"sv\": \"Tol\\u0000van\", \"en\": \"Tolvan\"}}]}",
                 PEER_SUPPORT_RESULT_TEXT_HOLDS_NUL);
}

static void test_limits(void) {
    char deep[700];
    size_t i;
    memset(deep, '[', 300);
    memset(deep + 300, ']', 300);
    deep[600] = '\0';
    POLICY_FAILS(deep, PEER_SUPPORT_RESULT_LIMIT_DEPTH);
    POLICY_FAILS(HEAD("rkc") ", \"cadences\": [{\"kind\": \"line_or_clinical\", \"cadence\": "
                 "[{\"every\": {\"months\": 1201}}], " CIT "}]}",
                 PEER_SUPPORT_RESULT_LIMIT_SPAN_LENGTH);
    POLICY_FAILS(HEAD("rkc") ", \"cadences\": [{\"kind\": \"line_or_clinical\", \"cadence\": "
                 "[{\"every\": {\"months\": 1, \"days\": 1}}], " CIT "}]}",
                 PEER_SUPPORT_RESULT_LIMIT_MIXED_SPAN);
    {
        char phases[4096];
        size_t n = 0;
        n += (size_t)snprintf(phases + n, sizeof phases - n,
                              HEAD("rkc") ", \"cadences\": [{\"kind\": \"line_or_clinical\", "
                                          "\"cadence\": [");
        for (i = 0; i < 17; i++) {
            n += (size_t)snprintf(phases + n, sizeof phases - n,
                                  "%s{\"from\": {\"months\": %u}, \"every\": {\"months\": 1}}",
                                  i ? ", " : "", (unsigned)i);
        }
        snprintf(phases + n, sizeof phases - n, "], " CIT "}]}");
        POLICY_FAILS(phases, PEER_SUPPORT_RESULT_LIMIT_PHASES);
    }
    POLICY_FAILS(HEAD("nsph") ", \"certification\": {\"renewal\": {\"id\": \"tolvan.renewal\", "
                 "\"period\": {\"months\": 24}, \"continuing_education\": {\"evidence\": "
                 "\"continuing_education\", \"total\": 100001}, " CIT ", " MSG "}}}",
                 PEER_SUPPORT_RESULT_LIMIT_HOURS);
}

static void test_catalogue(void) {
    peer_support_engine *engine = builtin("rkc");
    size_t i, n = peer_support_action_count(engine);
    peer_support_action action;
    uint32_t code = 0;
    int journal = 0;
    CHECK(n > 20);
    for (i = 0; i < n; i++) {
        peer_support_decision decision;
        EXPECT(peer_support_action_at(engine, i, &action), PEER_SUPPORT_RESULT_OK);
        CHECK(action.id && action.group && action.label_sv[0] && action.label_en[0]);
        CHECK((action.boundary_note_sv == NULL) == (action.boundary_note_en == NULL));
        journal += strcmp(action.group, "journal_system") == 0;
        EXPECT(peer_support_action_code(engine, S(action.id), &code), PEER_SUPPORT_RESULT_OK);
        CHECK(code == action.code);
        EXPECT(peer_support_decide_code(engine, code, &decision), PEER_SUPPORT_RESULT_OK);
        CHECK(decision.code == code);
    }
    CHECK(journal > 0);
    EXPECT(peer_support_action_at(engine, n, &action), PEER_SUPPORT_RESULT_INDEX_OUT_OF_RANGE);
    EXPECT(peer_support_action_at(engine, 0, NULL), PEER_SUPPORT_RESULT_NULL_ARGUMENT);
    EXPECT(peer_support_action_at(NULL, 0, &action), PEER_SUPPORT_RESULT_NULL_ARGUMENT);
    code = 7;
    EXPECT(peer_support_action_code(engine, S("tolvan.19121212"), &code),
           PEER_SUPPORT_RESULT_UNKNOWN_ACTION);
    CHECK(code == 7);
    EXPECT(peer_support_action_code(engine, S("journal.write_note"), NULL),
           PEER_SUPPORT_RESULT_NULL_ARGUMENT);
    peer_support_engine_free(engine);
}

static void test_decisions(void) {
    peer_support_engine *engine = builtin("rkc");
    peer_support_decision d, by_id;
    peer_support_condition condition;
    uint32_t code = 0;
    size_t i;
    int found = 0;

    EXPECT(peer_support_decide_id(engine, S("patient.treatment_advice"), &d),
           PEER_SUPPORT_RESULT_OK);
    CHECK(d.outcome == PEER_SUPPORT_OUTCOME_FORBIDDEN);
    for (i = 0; i < d.rule_count; i++) {
        found |= strcmp(d.rule_ids[i], "rkc.limit.no_treatment_advice") == 0;
    }
    CHECK(found);
    CHECK(d.condition_count == 0 && d.departed_count == 0);
    EXPECT(peer_support_decide_code(engine, d.code, &by_id), PEER_SUPPORT_RESULT_OK);
    CHECK(by_id.outcome == d.outcome && by_id.rule_ids == d.rule_ids);

    /* Allowed with conditions: the conditions, each with its id and texts. */
    EXPECT(peer_support_action_code(engine, S("disclosure.own_experience"), &code),
           PEER_SUPPORT_RESULT_OK);
    EXPECT(peer_support_decide_code(engine, code, &d), PEER_SUPPORT_RESULT_OK);
    CHECK(d.outcome == PEER_SUPPORT_OUTCOME_ALLOWED_WITH_CONDITIONS);
    CHECK(d.condition_count > 0);
    for (i = 0; i < d.condition_count; i++) {
        EXPECT(peer_support_decision_condition(engine, code, i, &condition),
               PEER_SUPPORT_RESULT_OK);
        CHECK(condition.id[0] && condition.text_sv[0] && condition.text_en[0]);
        CHECK(condition.on == PEER_SUPPORT_PARTY_SUPPORTER ||
              condition.on == PEER_SUPPORT_PARTY_EMPLOYER);
    }
    EXPECT(peer_support_decision_condition(engine, code, d.condition_count, &condition),
           PEER_SUPPORT_RESULT_INDEX_OUT_OF_RANGE);
    EXPECT(peer_support_decision_condition(engine, code, 0, NULL),
           PEER_SUPPORT_RESULT_NULL_ARGUMENT);

    /* Not in the catalogue: an answer, not an error. */
    EXPECT(peer_support_decide_id(engine, S("tolvan.19121212"), &d), PEER_SUPPORT_RESULT_OK);
    CHECK(d.outcome == PEER_SUPPORT_OUTCOME_NOT_IN_CATALOGUE && d.code == 0);
    CHECK(d.rule_count == 0 && d.rule_ids == NULL);
    EXPECT(peer_support_decide_code(engine, 99999, &d), PEER_SUPPORT_RESULT_OK);
    CHECK(d.outcome == PEER_SUPPORT_OUTCOME_NOT_IN_CATALOGUE);
    EXPECT(peer_support_decide_code(engine, 0, &d), PEER_SUPPORT_RESULT_OK);
    CHECK(d.outcome == PEER_SUPPORT_OUTCOME_NOT_IN_CATALOGUE);

    EXPECT(peer_support_decide_code(NULL, 1, &d), PEER_SUPPORT_RESULT_NULL_ARGUMENT);
    EXPECT(peer_support_decide_code(engine, 1, NULL), PEER_SUPPORT_RESULT_NULL_ARGUMENT);
    EXPECT(peer_support_decide_id(engine, NULL, 0, &d), PEER_SUPPORT_RESULT_NULL_ARGUMENT);
    EXPECT(peer_support_decide_id(engine, "journal\xc3", 8, &d), PEER_SUPPORT_RESULT_INVALID_UTF8);
    EXPECT(peer_support_decide_id(engine, "journal\0x", 9, &d), PEER_SUPPORT_RESULT_LENGTH_MISMATCH);
    peer_support_engine_free(engine);

    /* A unit's deviation: the model rule departed from is named. */
    {
        const char *unit =
            HEAD("skane_mentor") ", \"boundaries\": [{\"id\": \"tolvan.r\", \"action\": "
            "\"availability.around_the_clock\", \"verdict\": \"allowed_with_conditions\", "
            "\"conditions\": [{\"id\": \"tolvan.c\", \"on\": \"employer\", \"text\": {\"sv\": "
            "\"Tolvan\", \"en\": \"Tolvan\"}}], " CIT ", " MSG "}], \"deviations\": [{\"model_rule\": "
            "\"skane.warning.around_the_clock\", \"reason\": {\"sv\": \"Tolvan\", \"en\": "
            "\"Tolvan\"}, " CIT "}]}";
        EXPECT(peer_support_engine_from_policy_json(S(unit), &engine), PEER_SUPPORT_RESULT_OK);
        EXPECT(peer_support_decide_id(engine, S("availability.around_the_clock"), &d),
               PEER_SUPPORT_RESULT_OK);
        CHECK(d.outcome == PEER_SUPPORT_OUTCOME_ALLOWED_WITH_CONDITIONS);
        CHECK(d.departed_count == 1 &&
              strcmp(d.departed_rule_ids[0], "skane.warning.around_the_clock") == 0);
        EXPECT(peer_support_decision_condition(engine, d.code, 0, &condition),
               PEER_SUPPORT_RESULT_OK);
        CHECK(strcmp(condition.id, "tolvan.c") == 0 && condition.on == PEER_SUPPORT_PARTY_EMPLOYER);
        peer_support_engine_free(engine);
    }
}

static void test_explain(void) {
    peer_support_engine *engine = builtin("rkc");
    uint32_t code = 0;
    size_t needed = 0, again = 0;
    char small[8], *text;
    EXPECT(peer_support_action_code(engine, S("patient.treatment_advice"), &code),
           PEER_SUPPORT_RESULT_OK);
    EXPECT(peer_support_explain(engine, code, PEER_SUPPORT_LANG_SV, NULL, 0, &needed),
           PEER_SUPPORT_RESULT_BUFFER_TOO_SMALL);
    CHECK(needed > 8);
    memset(small, 'x', sizeof small);
    EXPECT(peer_support_explain(engine, code, PEER_SUPPORT_LANG_SV, small, sizeof small, &again),
           PEER_SUPPORT_RESULT_BUFFER_TOO_SMALL);
    CHECK(again == needed && small[0] == 'x');
    text = (char *)malloc(needed);
    EXPECT(peer_support_explain(engine, code, PEER_SUPPORT_LANG_SV, text, needed, &again),
           PEER_SUPPORT_RESULT_OK);
    CHECK(strlen(text) + 1 == needed);
    CHECK(strstr(text, "rkc.limit.no_treatment_advice") != NULL);
    CHECK(strstr(text, "Inte tillåtet") != NULL);
    free(text);
    EXPECT(peer_support_explain(engine, code, PEER_SUPPORT_LANG_EN, NULL, 0, &needed),
           PEER_SUPPORT_RESULT_BUFFER_TOO_SMALL);
    text = (char *)malloc(needed);
    EXPECT(peer_support_explain(engine, code, PEER_SUPPORT_LANG_EN, text, needed, &needed),
           PEER_SUPPORT_RESULT_OK);
    CHECK(strstr(text, "Forbidden") != NULL);
    free(text);
    EXPECT(peer_support_explain(engine, code, 0, NULL, 0, &needed),
           PEER_SUPPORT_RESULT_UNKNOWN_ENUM_VALUE);
    EXPECT(peer_support_explain(engine, code, 3, NULL, 0, &needed),
           PEER_SUPPORT_RESULT_UNKNOWN_ENUM_VALUE);
    EXPECT(peer_support_explain(engine, code, PEER_SUPPORT_LANG_SV, NULL, 5, &needed),
           PEER_SUPPORT_RESULT_NULL_ARGUMENT);
    EXPECT(peer_support_explain(engine, code, PEER_SUPPORT_LANG_SV, NULL, 0, NULL),
           PEER_SUPPORT_RESULT_NULL_ARGUMENT);
    EXPECT(peer_support_explain(NULL, code, PEER_SUPPORT_LANG_SV, NULL, 0, &needed),
           PEER_SUPPORT_RESULT_NULL_ARGUMENT);
    peer_support_engine_free(engine);
}

typedef peer_support_result (*json_call)(const peer_support_engine *, const char *, size_t,
                                         char **, size_t *);

/* `call` answers `request` with code `code`; on success the response holds
 * `needle`. */
static void json_gives(int line, const peer_support_engine *engine, json_call call,
                       const char *request, peer_support_result code, const char *needle) {
    char *out = NULL;
    size_t len = 12345;
    snprintf(primed, sizeof primed, "%s", prime());
    expect_code(line, call(engine, S(request), &out, &len), code);
    checks++;
    if (code == PEER_SUPPORT_RESULT_OK) {
        if (!out || strlen(out) != len || !strstr(out, needle) ||
            !strstr(out, "\"library_version\"") || !strstr(out, "\"content_hash\"")) {
            failures++;
            fprintf(stderr, "test_api.c:%d: response lacks %s: %s\n", line, needle,
                    out ? out : "(null)");
        }
    } else if (out != NULL || len != 12345) {
        failures++;
        fprintf(stderr, "test_api.c:%d: out-parameters written on failure\n", line);
    }
    peer_support_string_free(out);
}
#define JSON_GIVES(engine, call, request, code, needle) \
    json_gives(__LINE__, engine, call, request, code, needle)

#define Q "{\"schema_version\": 1, \"lang\": \"sv\", "

static void test_json_calls(void) {
    peer_support_engine *nsph = builtin("nsph");
    peer_support_engine *rkc = builtin("rkc");
    char *out = NULL;

    JSON_GIVES(nsph, peer_support_certification_json,
               Q "\"as_of\": \"2026-11-24\", \"evidence\": [{\"kind\": \"lived_experience\", "
                 "\"date\": \"2026-01-10\"}]}",
               PEER_SUPPORT_RESULT_OK, "\"certification\"");
    JSON_GIVES(nsph, peer_support_certification_json,
               Q "\"as_of\": \"2026-11-24\", \"evidence\": [{\"kind\": \"tolvan\", \"date\": "
                 "\"2026-01-10\"}]}",
               PEER_SUPPORT_RESULT_UNKNOWN_EVIDENCE_KIND, "");
    JSON_GIVES(nsph, peer_support_certification_json,
               Q "\"as_of\": \"2026-01-01\", \"evidence\": [{\"kind\": \"lived_experience\", "
                 "\"date\": \"2026-01-10\"}]}",
               PEER_SUPPORT_RESULT_AFTER_AS_OF, "");
    JSON_GIVES(nsph, peer_support_certification_json,
               Q "\"as_of\": \"2026-11-24\", \"evidence\": [{\"kind\": \"lived_experience\", "
                 "\"date\": \"2026-01-10\"}, {\"kind\": \"lived_experience\", \"date\": "
                 "\"2026-01-10\", \"reported\": \"absent\"}]}",
               PEER_SUPPORT_RESULT_CONFLICTING_REPORTS, "");
    JSON_GIVES(nsph, peer_support_certification_json,
               Q "\"as_of\": \"2026-11-24\", \"evidence\": [{\"kind\": \"lived_experience\", "
                 "\"date\": \"2026-01-10\", \"reported\": \"absent\", \"topics\": [\"Tolvan\"]}]}",
               PEER_SUPPORT_RESULT_DETAIL_ON_ABSENT, "");
    JSON_GIVES(nsph, peer_support_certification_json,
               Q "\"as_of\": \"1899-12-31\"}", PEER_SUPPORT_RESULT_LIMIT_CALENDAR, "");
    JSON_GIVES(nsph, peer_support_certification_json, "{\"schema_version\": 2}",
               PEER_SUPPORT_RESULT_UNSUPPORTED_SCHEMA_VERSION, "");
    JSON_GIVES(nsph, peer_support_certification_json, Q "\"tolvan\": 1}",
               PEER_SUPPORT_RESULT_SHAPE, "");

    JSON_GIVES(rkc, peer_support_supervision_json,
               Q "\"as_of\": \"2026-11-24\", \"start\": \"2026-01-15\", \"sessions\": "
                 "[{\"date\": \"2026-02-15\", \"kind\": \"line_or_clinical\"}]}",
               PEER_SUPPORT_RESULT_OK, "\"supervision\"");
    JSON_GIVES(rkc, peer_support_supervision_json,
               Q "\"as_of\": \"2026-11-24\", \"start\": \"2026-01-15\", \"sessions\": "
                 "[{\"date\": \"2026-01-01\", \"kind\": \"line_or_clinical\"}]}",
               PEER_SUPPORT_RESULT_BEFORE_START, "");
    JSON_GIVES(rkc, peer_support_supervision_json,
               Q "\"as_of\": \"2026-11-24\", \"start\": \"2026-01-15\", \"sessions\": "
                 "[{\"date\": \"2026-02-15\", \"kind\": \"tolvan\"}]}",
               PEER_SUPPORT_RESULT_UNKNOWN_SUPERVISION_KIND, "");

    JSON_GIVES(rkc, peer_support_readiness_json,
               Q "\"facts\": {\"rkc.ready.employment\": true}, \"started\": false}",
               PEER_SUPPORT_RESULT_OK, "\"readiness\"");
    JSON_GIVES(rkc, peer_support_readiness_json,
               Q "\"facts\": {\"tolvan.19121212\": true}, \"started\": false}",
               PEER_SUPPORT_RESULT_UNKNOWN_READINESS_ITEM, "");
    JSON_GIVES(rkc, peer_support_readiness_json,
               Q "\"facts\": {\"rkc.ready.employment\": 3}, \"started\": false}",
               PEER_SUPPORT_RESULT_WRONG_FACT_TYPE, "");

    JSON_GIVES(rkc, peer_support_classify_participation_json,
               "{\"schema_version\": 1, \"text\": \"Vi har brukarråd och fokusgrupper\"}",
               PEER_SUPPORT_RESULT_OK, "\"classification\"");
    JSON_GIVES(rkc, peer_support_check_promise_json,
               Q "\"promised\": \"dialogue\", \"delivered\": \"information\"}",
               PEER_SUPPORT_RESULT_OK, "\"not_kept\"");
    JSON_GIVES(rkc, peer_support_check_promise_json, Q "\"promised\": \"tolvan\", "
                                                       "\"delivered\": \"information\"}",
               PEER_SUPPORT_RESULT_SHAPE, "");

    /* Arguments. */
    EXPECT(peer_support_certification_json(NULL, S("{}"), &out, NULL),
           PEER_SUPPORT_RESULT_NULL_ARGUMENT);
    EXPECT(peer_support_certification_json(nsph, NULL, 0, &out, NULL),
           PEER_SUPPORT_RESULT_NULL_ARGUMENT);
    EXPECT(peer_support_certification_json(nsph, S("{}"), NULL, NULL),
           PEER_SUPPORT_RESULT_NULL_ARGUMENT);
    EXPECT(peer_support_certification_json(nsph, S("{\"schema_version\": 1, \"lang\": \"sv\""),
                                           &out, NULL),
           PEER_SUPPORT_RESULT_SYNTAX);
    CHECK(out == NULL);
    /* out_len may be NULL. */
    EXPECT(peer_support_check_promise_json(
               rkc, S(Q "\"promised\": \"dialogue\", \"delivered\": \"dialogue\"}"), &out, NULL),
           PEER_SUPPORT_RESULT_OK);
    CHECK(out && strstr(out, "\"kept\""));
    peer_support_string_free(out);
    peer_support_string_free(NULL);

    peer_support_engine_free(nsph);
    peer_support_engine_free(rkc);
}

static void test_policy_report(void) {
    peer_support_engine *engine = builtin("skane_mentor");
    char *out = NULL;
    size_t len = 0;
    EXPECT(peer_support_policy_report(engine, PEER_SUPPORT_LANG_EN, PEER_SUPPORT_FORMAT_TEXT, &out,
                                      &len),
           PEER_SUPPORT_RESULT_OK);
    CHECK(out && strlen(out) == len && len > 100);
    peer_support_string_free(out);
    EXPECT(peer_support_policy_report(engine, PEER_SUPPORT_LANG_SV, PEER_SUPPORT_FORMAT_JSON, &out,
                                      &len),
           PEER_SUPPORT_RESULT_OK);
    CHECK(out && strstr(out, "\"policy_report\"") && strstr(out, "\"response_version\": 1"));
    peer_support_string_free(out);
    out = NULL;
    EXPECT(peer_support_policy_report(engine, PEER_SUPPORT_LANG_SV, 9, &out, &len),
           PEER_SUPPORT_RESULT_UNKNOWN_ENUM_VALUE);
    EXPECT(peer_support_policy_report(engine, PEER_SUPPORT_LANG_SV, PEER_SUPPORT_FORMAT_HTML, &out,
                                      &len),
           PEER_SUPPORT_RESULT_FORMAT_NOT_SUPPORTED);
    EXPECT(peer_support_policy_report(engine, 0, PEER_SUPPORT_FORMAT_TEXT, &out, &len),
           PEER_SUPPORT_RESULT_UNKNOWN_ENUM_VALUE);
    EXPECT(peer_support_policy_report(engine, PEER_SUPPORT_LANG_SV, PEER_SUPPORT_FORMAT_TEXT, NULL,
                                      &len),
           PEER_SUPPORT_RESULT_NULL_ARGUMENT);
    EXPECT(peer_support_policy_report(NULL, PEER_SUPPORT_LANG_SV, PEER_SUPPORT_FORMAT_TEXT, &out,
                                      &len),
           PEER_SUPPORT_RESULT_NULL_ARGUMENT);
    CHECK(out == NULL);
    peer_support_engine_free(engine);
}

#define RECORD_HEAD(model) \
    "{\"schema_version\": 3, \"unit_id\": \"tolvan.unit\", \"model\": \"" model "\", " \
    "\"as_of\": \"2026-11-24\", "
#define SUPPORTER "{\"id\": \"tolvan.19121212\", \"employment\": {\"form\": \"employed\", \"since\": \"2026-01-01\"}}"

static void audit_gives(int line, const char *record, peer_support_result code) {
    char *out = NULL;
    snprintf(primed, sizeof primed, "%s", prime());
    expect_code(line, peer_support_audit(S(record), PEER_SUPPORT_LANG_SV, PEER_SUPPORT_FORMAT_JSON,
                                         &out, NULL),
                code);
    checks++;
    if ((code == PEER_SUPPORT_RESULT_OK) != (out != NULL)) {
        failures++;
        fprintf(stderr, "test_api.c:%d: out_text %s\n", line, out ? "written on failure" : "unset");
    }
    peer_support_string_free(out);
}
#define AUDIT_GIVES(record, code) audit_gives(__LINE__, record, code)

/* The file at `path` (from the repository's root), its length to *len. */
static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    long n;
    if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0) {
        text = (char *)malloc((size_t)n);
        if (text && fread(text, 1, (size_t)n, f) == (size_t)n) {
            *len = (size_t)n;
        } else {
            free(text);
            text = NULL;
        }
    }
    if (f) {
        fclose(f);
    }
    if (!text) {
        fprintf(stderr, "cannot read %s (run from the repository's root)\n", path);
        exit(2);
    }
    return text;
}

static void test_hours(void) {
    size_t n;
    char *policy = read_file("examples/policies/texas_mhps.json", &n);
    peer_support_engine *texas = NULL;
    EXPECT(peer_support_engine_from_policy_json(policy, n, &texas), PEER_SUPPORT_RESULT_OK);
    JSON_GIVES(texas, peer_support_certification_json,
               Q "\"as_of\": \"2026-11-24\", \"evidence\": [{\"kind\": \"supervised_work\", "
                 "\"date\": \"2026-01-10\"}]}",
               PEER_SUPPORT_RESULT_MISSING_HOURS, "");
    JSON_GIVES(texas, peer_support_certification_json,
               Q "\"as_of\": \"2026-11-24\", \"evidence\": [{\"kind\": \"supervised_work\", "
                 "\"date\": \"2026-01-10\", \"hours\": 12.5}]}",
               PEER_SUPPORT_RESULT_OK, "\"certification\"");
    peer_support_engine_free(texas);
    free(policy);
}

static void test_audit(void) {
    size_t n;
    char *out = NULL;
    size_t len;
    char *record = read_file("examples/data/vgr_ward.json", &n);
    EXPECT(peer_support_audit(record, (size_t)n, PEER_SUPPORT_LANG_SV, PEER_SUPPORT_FORMAT_TEXT,
                              &out, &len),
           PEER_SUPPORT_RESULT_OK);
    CHECK(out && strlen(out) == len);
    peer_support_string_free(out);
    EXPECT(peer_support_audit(record, (size_t)n, PEER_SUPPORT_LANG_EN, PEER_SUPPORT_FORMAT_JSON,
                              &out, &len),
           PEER_SUPPORT_RESULT_OK);
    CHECK(out && strstr(out, "\"audit\"") && strstr(out, "\"library_version\""));
    peer_support_string_free(out);
    EXPECT(peer_support_audit(record, n, PEER_SUPPORT_LANG_SV, PEER_SUPPORT_FORMAT_HTML, &out, &len),
           PEER_SUPPORT_RESULT_OK);
    CHECK(out && strncmp(out, "<!DOCTYPE html>", 15) == 0 && strlen(out) == len);
    peer_support_string_free(out);
    {
        static const struct {
            uint32_t table;
            const char *header;
        } tables[] = {
            {PEER_SUPPORT_CSV_TABLE_BOUNDARIES, "activity,date,supporter,"},
            {PEER_SUPPORT_CSV_TABLE_CERTIFICATION, "supporter,employment,standing,"},
            {PEER_SUPPORT_CSV_TABLE_SUPERVISION, "supporter,kind,label,"},
            {PEER_SUPPORT_CSV_TABLE_PARTICIPATION, "activity,date,supporter,promised,"},
            {PEER_SUPPORT_CSV_TABLE_READINESS, "component,label,score,"},
        };
        size_t t;
        for (t = 0; t < sizeof tables / sizeof tables[0]; t++) {
            EXPECT(peer_support_audit_csv(record, n, PEER_SUPPORT_LANG_EN, tables[t].table, &out,
                                          &len),
                   PEER_SUPPORT_RESULT_OK);
            CHECK(out && strncmp(out, tables[t].header, strlen(tables[t].header)) == 0);
            CHECK(out && strstr(out, "\r\n") != NULL && strlen(out) == len);
            peer_support_string_free(out);
        }
        out = NULL;
        EXPECT(peer_support_audit_csv(record, n, PEER_SUPPORT_LANG_EN, 6, &out, NULL),
               PEER_SUPPORT_RESULT_UNKNOWN_ENUM_VALUE);
        EXPECT(peer_support_audit_csv(record, n, 0, PEER_SUPPORT_CSV_TABLE_READINESS, &out, NULL),
               PEER_SUPPORT_RESULT_UNKNOWN_ENUM_VALUE);
        EXPECT(peer_support_audit_csv(S("["), PEER_SUPPORT_LANG_EN, PEER_SUPPORT_CSV_TABLE_READINESS,
                                      &out, NULL),
               PEER_SUPPORT_RESULT_SYNTAX);
        EXPECT(peer_support_audit_csv(NULL, 0, PEER_SUPPORT_LANG_EN, PEER_SUPPORT_CSV_TABLE_READINESS,
                                      &out, NULL),
               PEER_SUPPORT_RESULT_NULL_ARGUMENT);
        CHECK(out == NULL);
    }
    free(record);

    AUDIT_GIVES(RECORD_HEAD("rkc") "\"supporters\": [" SUPPORTER ", " SUPPORTER "]}",
                PEER_SUPPORT_RESULT_INPUT_DUPLICATE_ID);
    AUDIT_GIVES(RECORD_HEAD("rkc") "\"supporters\": [" SUPPORTER "], \"activities\": [{\"date\": "
                "\"2026-02-01\", \"supporter\": \"tolvan.other\", \"action\": "
                "\"journal.write_note\"}]}",
                PEER_SUPPORT_RESULT_UNKNOWN_SUPPORTER);
    AUDIT_GIVES(RECORD_HEAD("rkc") "\"supporters\": [" SUPPORTER "], \"activities\": [{\"date\": "
                "\"2026-02-01\", \"supporter\": \"tolvan.19121212\", \"action\": "
                "\"tolvan.action\"}]}",
                PEER_SUPPORT_RESULT_INPUT_UNKNOWN_ACTION);
    AUDIT_GIVES(RECORD_HEAD("rkc") "\"supporters\": [" SUPPORTER "], \"activities\": [{\"date\": "
                "\"2026-02-01\", \"supporter\": \"tolvan.19121212\", \"action\": "
                "\"journal.write_note\", \"promised\": \"dialogue\"}]}",
                PEER_SUPPORT_RESULT_PROMISE_WITHOUT_DELIVERY);
    AUDIT_GIVES(RECORD_HEAD("rkc") "\"policy\": {\"schema_version\": 3, \"id\": \"tolvan\", "
                "\"extends\": \"nsph\"}, \"supporters\": []}",
                PEER_SUPPORT_RESULT_MODEL_MISMATCH);
    AUDIT_GIVES(RECORD_HEAD("rkc") "\"supporters\": [{\"id\": \"tolvan.19121212\", \"employment\": "
                "{\"form\": \"employed\", \"since\": \"2026-01-01\"}, \"supervision\": "
                "{\"sessions\": []}}]}",
                PEER_SUPPORT_RESULT_START_REQUIRED);
    AUDIT_GIVES(RECORD_HEAD("skane_mentor") "\"supporters\": [{\"id\": \"tolvan.19121212\", "
                "\"employment\": {\"form\": \"employed\", \"since\": \"2026-01-01\"}, \"evidence\": "
                "[{\"kind\": \"mentor_meeting\", \"date\": \"2026-02-01\", \"reported\": \"absent\"}]}]}",
                PEER_SUPPORT_RESULT_ABSENT_OF_COUNTED_KIND);
    AUDIT_GIVES(RECORD_HEAD("skane_mentor") "\"supporters\": [{\"id\": \"tolvan.19121212\", "
                "\"employment\": {\"form\": \"employed\", \"since\": \"2026-01-01\"}, \"evidence\": "
                "[{\"kind\": \"mentor_meeting\", \"date\": \"2026-02-01\", \"hours\": -1}]}]}",
                PEER_SUPPORT_RESULT_INVALID_HOURS);
    AUDIT_GIVES(RECORD_HEAD("nsph") "\"policy\": {\"schema_version\": 3, \"id\": \"tolvan\", "
                "\"extends\": \"nsph\", \"tolvan\": 1}, \"supporters\": []}",
                PEER_SUPPORT_RESULT_SHAPE);
    AUDIT_GIVES("[", PEER_SUPPORT_RESULT_SYNTAX);
    EXPECT(peer_support_audit(NULL, 0, PEER_SUPPORT_LANG_SV, PEER_SUPPORT_FORMAT_TEXT, &out, NULL),
           PEER_SUPPORT_RESULT_NULL_ARGUMENT);
    EXPECT(peer_support_audit(S("{}"), 7, PEER_SUPPORT_FORMAT_TEXT, &out, NULL),
           PEER_SUPPORT_RESULT_UNKNOWN_ENUM_VALUE);
}

/* Codes no call can give, and why (each code named here or above):
 * - PEER_SUPPORT_RESULT_IO: the C ABI reads no file (policies come as text).
 * - PEER_SUPPORT_RESULT_LIMIT_DOCUMENT_SIZE: a longer string is refused as
 *   PEER_SUPPORT_RESULT_INPUT_TOO_LARGE before it is read.
 * - PEER_SUPPORT_RESULT_DATE_OUT_OF_RANGE, PEER_SUPPORT_RESULT_COMPUTED_DATE_OUT_OF_RANGE:
 *   dates of a document beyond the calendar are refused as
 *   PEER_SUPPORT_RESULT_LIMIT_CALENDAR when read; computed dates cannot
 *   leave the calendar within the library's limits.
 * - PEER_SUPPORT_RESULT_POLICY_OTHER, PEER_SUPPORT_RESULT_INPUT_OTHER,
 *   PEER_SUPPORT_RESULT_LIMIT_OTHER: for failures a newer core may add.
 * - PEER_SUPPORT_RESULT_PANIC: a bug; the Rust tests of the boundary
 *   (ffi/src/tests.rs) make a panic and see it caught. */

int main(void) {
    test_version_and_messages();
    test_models();
    test_engine_arguments();
    test_policy_errors();
    test_limits();
    test_catalogue();
    test_decisions();
    test_explain();
    test_json_calls();
    test_hours();
    test_policy_report();
    test_audit();
    printf("C API tests: %d checks, %d failures\n", checks, failures);
    return failures ? 1 : 0;
}
