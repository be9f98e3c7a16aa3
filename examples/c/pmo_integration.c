/*
 * A journal system's use of peer-support, as PMO at a Red Cross treatment
 * centre would: which journal operations to offer a peer supporter, why one
 * is refused (in Swedish, for the user), whether the supporter's supervision
 * is in order before a group session is booked, and the audit of a unit.
 *
 * Build (from the repository's root, after `cargo build --release -p peer-support-ffi`):
 *   cc -std=c11 -Wall -Wextra -Werror -pedantic -Iffi/include examples/c/pmo_integration.c \
 *      target/release/libpeer_support.a -lpthread -ldl -lm -o pmo_integration
 * or, installed: cc examples/c/pmo_integration.c $(pkg-config --cflags --libs peer_support)
 * Run from the repository's root (it reads examples/data/rkc_preparing.json).
 */
#include "peer_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Stops with the library's message when a call fails. */
static void check(peer_support_result result, const char *what) {
    if (result != PEER_SUPPORT_RESULT_OK) {
        fprintf(stderr, "%s: %s (%s)\n", what, peer_support_result_message(result),
                peer_support_last_error());
        exit(1);
    }
}

static const char *outcome_sv(peer_support_outcome outcome) {
    switch (outcome) {
    case PEER_SUPPORT_OUTCOME_ALLOWED: return "erbjuds";
    case PEER_SUPPORT_OUTCOME_ALLOWED_WITH_CONDITIONS: return "erbjuds, med villkor";
    default: return "erbjuds inte";
    }
}

/* The explanation of `code` in Swedish, in a buffer the caller frees. */
static char *explain_sv(const peer_support_engine *engine, uint32_t code) {
    size_t needed = 0;
    char *text;
    peer_support_result r =
        peer_support_explain(engine, code, PEER_SUPPORT_LANG_SV, NULL, 0, &needed);
    if (r != PEER_SUPPORT_RESULT_BUFFER_TOO_SMALL) {
        check(r, "explain");
    }
    text = (char *)malloc(needed);
    if (!text) {
        exit(1);
    }
    check(peer_support_explain(engine, code, PEER_SUPPORT_LANG_SV, text, needed, &needed),
          "explain");
    return text;
}

/* The largest "days_overdue" of a supervision response (a journal would use
 * its own JSON library; the response's shape is in core/schemas/). */
static long most_days_overdue(const char *response) {
    const char *key = "\"days_overdue\": ";
    const char *p = response;
    long most = 0;
    while ((p = strstr(p, key)) != NULL) {
        long days = strtol(p + strlen(key), NULL, 10);
        most = days > most ? days : most;
        p += strlen(key);
    }
    return most;
}

int main(void) {
    peer_support_engine *engine = NULL;
    size_t i, n;
    uint32_t refused = 0;
    char *text = NULL;
    FILE *f;
    long size;
    char *record;

    check(peer_support_engine_builtin("rkc", 3, &engine), "engine");
    printf("peer-support %s, policy %s (%s)\n\n", peer_support_version(),
           peer_support_engine_policy_id(engine), peer_support_engine_policy_hash(engine));

    /* 1. The PMO menu for a peer-supporter user: every journal operation,
     *    offered or not. */
    printf("PMO-funktioner för en peer supporter:\n");
    n = peer_support_action_count(engine);
    for (i = 0; i < n; i++) {
        peer_support_action action;
        peer_support_decision decision;
        check(peer_support_action_at(engine, i, &action), "action");
        if (strcmp(action.group, "journal_system") != 0) {
            continue;
        }
        check(peer_support_decide_code(engine, action.code, &decision), "decide");
        printf("  [%4u] %-52s %s\n", (unsigned)action.code, action.label_sv,
               outcome_sv(decision.outcome));
        if (decision.outcome != PEER_SUPPORT_OUTCOME_ALLOWED &&
            decision.outcome != PEER_SUPPORT_OUTCOME_ALLOWED_WITH_CONDITIONS && refused == 0) {
            refused = action.code;
        }
    }

    /* 2. Why one is refused, for the user, in Swedish. */
    if (refused != 0) {
        char *why = explain_sv(engine, refused);
        printf("\nVarför en funktion inte erbjuds:\n%s\n", why);
        free(why);
    }

    /* 3. Before booking a group session: is the supporter's supervision in
     *    order? */
    {
        const char *request =
            "{\"schema_version\": 1, \"lang\": \"sv\", \"as_of\": \"2026-11-24\", "
            "\"start\": \"2026-03-01\", \"sessions\": ["
            "{\"date\": \"2026-04-01\", \"kind\": \"line_or_clinical\"},"
            "{\"date\": \"2026-06-15\", \"kind\": \"line_or_clinical\"},"
            "{\"date\": \"2026-04-10\", \"kind\": \"peer_to_peer\"}]}";
        long overdue;
        check(peer_support_supervision_json(engine, request, strlen(request), &text, NULL),
              "supervision");
        overdue = most_days_overdue(text);
        if (overdue > 0) {
            printf("Gruppträffen bokas inte ännu: handledningen är försenad %ld dagar.\n\n",
                   overdue);
        } else {
            printf("Gruppträffen kan bokas: handledningen är i fas.\n\n");
        }
        peer_support_string_free(text);
    }

    /* 4. The audit of a sample unit, in Swedish. */
    f = fopen("examples/data/rkc_preparing.json", "rb");
    if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) != 0) {
        fprintf(stderr, "cannot read examples/data/rkc_preparing.json\n");
        return 1;
    }
    record = (char *)malloc((size_t)size);
    if (!record || fread(record, 1, (size_t)size, f) != (size_t)size) {
        return 1;
    }
    fclose(f);
    check(peer_support_audit(record, (size_t)size, PEER_SUPPORT_LANG_SV, PEER_SUPPORT_FORMAT_TEXT,
                             &text, NULL),
          "audit");
    printf("%s", text);
    peer_support_string_free(text);
    free(record);
    peer_support_engine_free(engine);
    return 0;
}
