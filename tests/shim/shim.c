/* A PKCS#11 module for fault tests: forwards to SoftHSM2 (or SHIM_REAL) and misbehaves as the
 * environment asks. Built by the tests with `cc -shared -fPIC`.
 *
 *   SHIM_LOGIN_RV=0xa4        C_Login returns this (CKR_PIN_LOCKED) without calling the module
 *   SHIM_LOGIN_COUNT=FILE     appends a line to FILE per C_Login call
 *   SHIM_TOKEN_FLAGS=0x10000  ORed into CK_TOKEN_INFO.flags (count low, final try, ...)
 *   SHIM_INIT_ALREADY=1       C_Initialize initializes, then says CKR_CRYPTOKI_ALREADY_INITIALIZED
 *   SHIM_RAW_EC_POINT=1       CKA_EC_POINT served raw, without its OCTET STRING wrapper
 *   SHIM_RSA_EXPONENT=hex     CKA_PUBLIC_EXPONENT replaced by these bytes
 *   SHIM_HUGE_LENGTH=1        size queries of CKA_LABEL answer 2^40 bytes
 *   SHIM_BAD_LENGTH=1         CKA_LABEL reads report more bytes than the buffer holds, with CKR_OK
 *   SHIM_FAIL_CALL=N          the Nth counted call returns SHIM_FAIL_RV (default CKR_DEVICE_REMOVED)
 *   SHIM_ENV_CHECK=A,B        at C_Login, write to SHIM_ENV_REPORT whether each variable is set
 *   SHIM_REFUSE_PRIVATE_CREATE=1  C_CreateObject of a CKO_PRIVATE_KEY returns CKR_TEMPLATE_INCONSISTENT
 *                             (as Luna in FIPS mode and CloudHSM do: private keys only by unwrapping)
 *   SHIM_UNWRAP_LOG=FILE      appends a line to FILE per C_UnwrapKey call
 *   SHIM_FAIL_KEYGEN=N        the Nth C_GenerateKeyPair returns CKR_DEVICE_ERROR without generating
 *   SHIM_SIGN_INIT_RV=0x70    C_SignInit returns this (CKR_MECHANISM_INVALID: a module without it)
 *   SHIM_RESTART_AT_SIGN=N    the Nth C_SignInit restarts the module underneath (C_Finalize and
 *                             C_Initialize: every session and the login are gone, as after an HSM
 *                             restart) and returns CKR_DEVICE_REMOVED; later calls on the old
 *                             sessions get the module's own CKR_SESSION_HANDLE_INVALID
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned long CK_ULONG, CK_RV, CK_FLAGS, CK_SLOT_ID, CK_SESSION_HANDLE, CK_OBJECT_HANDLE,
    CK_USER_TYPE, CK_ATTRIBUTE_TYPE;
typedef unsigned char CK_BYTE, CK_BBOOL;
typedef struct { CK_BYTE major, minor; } CK_VERSION;
typedef struct { CK_ATTRIBUTE_TYPE type; void *pValue; CK_ULONG ulValueLen; } CK_ATTRIBUTE;
typedef struct {
  unsigned char label[32], manufacturerID[32], model[16], serialNumber[16];
  CK_FLAGS flags;
  CK_ULONG rest[10];
  CK_VERSION hw, fw;
  unsigned char utcTime[16];
} CK_TOKEN_INFO;
typedef CK_RV (*fn)();
/* The function list: a version, then 68 function pointers (PKCS#11 2.40 order). */
typedef struct { CK_VERSION version; fn f[68]; } LIST;
enum { F_INITIALIZE = 0, F_GET_SLOT_LIST = 4, F_GET_TOKEN_INFO = 6, F_OPEN_SESSION = 12,
       F_LOGIN = 18, F_CREATE_OBJECT = 20, F_GET_ATTRIBUTE_VALUE = 24, F_FIND_OBJECTS_INIT = 26, F_FIND_OBJECTS = 27,
       F_SIGN_INIT = 42, F_SIGN = 43, F_GENERATE_KEY_PAIR = 59, F_UNWRAP_KEY = 61 };

#define CKA_CLASS 0x0UL
#define CKO_PRIVATE_KEY 0x3UL
#define CKA_LABEL 0x3UL
#define CKA_PUBLIC_EXPONENT 0x122UL
#define CKA_EC_POINT 0x181UL
#define CK_UNAVAILABLE_INFORMATION (~0UL)

static LIST *real;
static LIST shim;
static long calls;

static int on(const char *name) { const char *v = getenv(name); return v && *v && strcmp(v, "0"); }
static CK_ULONG num(const char *name, CK_ULONG dflt) {
  const char *v = getenv(name);
  return v && *v ? strtoul(v, NULL, 0) : dflt;
}
/* Counts a call; returns the failure to inject, or 0. */
static CK_RV counted(void) {
  long n = (long)num("SHIM_FAIL_CALL", 0);
  calls++;
  return n > 0 && calls == n ? num("SHIM_FAIL_RV", 0x32 /* CKR_DEVICE_REMOVED */) : 0;
}

/* The caller's C_Initialize arguments (4 callbacks, flags, reserved), kept for a restart. */
static struct { void *p[4]; CK_FLAGS flags; void *reserved; } init_args;
static int have_init_args;

static CK_RV initialize(void *a) {
  CK_RV rv = counted(); if (rv) return rv;
  if (a) { memcpy(&init_args, a, sizeof init_args); have_init_args = 1; }
  rv = real->f[F_INITIALIZE](a);
  return rv == 0 && on("SHIM_INIT_ALREADY") ? 0x191 : rv;
}
static CK_RV get_slot_list(CK_BBOOL p, CK_SLOT_ID *l, CK_ULONG *n) {
  CK_RV rv = counted(); return rv ? rv : real->f[F_GET_SLOT_LIST](p, l, n);
}
static CK_RV get_token_info(CK_SLOT_ID s, CK_TOKEN_INFO *t) {
  CK_RV rv = counted(); if (rv) return rv;
  rv = real->f[F_GET_TOKEN_INFO](s, t);
  if (rv == 0) t->flags |= num("SHIM_TOKEN_FLAGS", 0);
  return rv;
}
static CK_RV open_session(CK_SLOT_ID s, CK_FLAGS f, void *a, void *n, CK_SESSION_HANDLE *h) {
  CK_RV rv = counted(); return rv ? rv : real->f[F_OPEN_SESSION](s, f, a, n, h);
}
static CK_RV login(CK_SESSION_HANDLE h, CK_USER_TYPE u, CK_BYTE *pin, CK_ULONG len) {
  const char *log = getenv("SHIM_LOGIN_COUNT");
  if (log) { FILE *f = fopen(log, "a"); if (f) { fputs("C_Login\n", f); fclose(f); } }
  /* What a child process started now would inherit: is each named variable still set? */
  const char *report = getenv("SHIM_ENV_REPORT"), *vars = getenv("SHIM_ENV_CHECK");
  if (report && vars) {
    FILE *f = fopen(report, "w");
    char buf[256];
    strncpy(buf, vars, sizeof buf - 1); buf[sizeof buf - 1] = 0;
    for (char *v = strtok(buf, ","); f && v; v = strtok(NULL, ","))
      fprintf(f, "%s=%s\n", v, getenv(v) ? "set" : "unset");
    if (f) fclose(f);
  }
  CK_RV rv = counted(); if (rv) return rv;
  if (num("SHIM_LOGIN_RV", 0)) return num("SHIM_LOGIN_RV", 0);
  return real->f[F_LOGIN](h, u, pin, len);
}
static CK_RV get_attribute_value(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE o, CK_ATTRIBUTE *t, CK_ULONG n) {
  CK_RV rv = counted(); if (rv) return rv;
  CK_ULONG cap[64];
  for (CK_ULONG i = 0; i < n && i < 64; i++) cap[i] = t[i].ulValueLen;
  rv = real->f[F_GET_ATTRIBUTE_VALUE](h, o, t, n);
  for (CK_ULONG i = 0; i < n && i < 64; i++) {
    CK_ATTRIBUTE *a = &t[i];
    if (a->ulValueLen == CK_UNAVAILABLE_INFORMATION) continue;
    if (a->type == CKA_EC_POINT && on("SHIM_RAW_EC_POINT") && a->pValue && a->ulValueLen > 2) {
      unsigned char *p = a->pValue;
      CK_ULONG hdr = (p[1] & 0x80) ? 2 + (p[1] & 0x7f) : 2;
      if (p[0] == 0x04 && hdr < a->ulValueLen) {
        memmove(p, p + hdr, a->ulValueLen - hdr);
        a->ulValueLen -= hdr;
      }
    }
    if (a->type == CKA_PUBLIC_EXPONENT && getenv("SHIM_RSA_EXPONENT")) {
      const char *hex = getenv("SHIM_RSA_EXPONENT");
      CK_ULONG len = strlen(hex) / 2;
      if (a->pValue && cap[i] >= len) {
        for (CK_ULONG k = 0; k < len; k++) { unsigned v; sscanf(hex + 2 * k, "%2x", &v); ((unsigned char *)a->pValue)[k] = v; }
      }
      a->ulValueLen = len;
    }
    if (a->type == CKA_LABEL && on("SHIM_HUGE_LENGTH") && !a->pValue) a->ulValueLen = 1UL << 40;
    if (a->type == CKA_LABEL && on("SHIM_BAD_LENGTH") && a->pValue) a->ulValueLen += 4096;
  }
  return rv;
}
static CK_RV find_objects_init(CK_SESSION_HANDLE h, CK_ATTRIBUTE *t, CK_ULONG n) {
  CK_RV rv = counted(); return rv ? rv : real->f[F_FIND_OBJECTS_INIT](h, t, n);
}
static CK_RV find_objects(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE *o, CK_ULONG m, CK_ULONG *n) {
  CK_RV rv = counted(); return rv ? rv : real->f[F_FIND_OBJECTS](h, o, m, n);
}
static CK_RV sign_init(CK_SESSION_HANDLE h, void *m, CK_OBJECT_HANDLE k) {
  if (num("SHIM_SIGN_INIT_RV", 0)) return num("SHIM_SIGN_INIT_RV", 0);
  static long sign_inits;
  if (num("SHIM_RESTART_AT_SIGN", 0) && ++sign_inits == (long)num("SHIM_RESTART_AT_SIGN", 0)) {
    real->f[1](NULL); /* C_Finalize */
    real->f[F_INITIALIZE](have_init_args ? (void *)&init_args : NULL);
    return 0x32; /* CKR_DEVICE_REMOVED */
  }
  CK_RV rv = counted(); return rv ? rv : real->f[F_SIGN_INIT](h, m, k);
}
static CK_RV sign(CK_SESSION_HANDLE h, CK_BYTE *d, CK_ULONG l, CK_BYTE *s, CK_ULONG *sl) {
  CK_RV rv = counted(); return rv ? rv : real->f[F_SIGN](h, d, l, s, sl);
}
static CK_RV generate_key_pair(CK_SESSION_HANDLE h, void *m, CK_ATTRIBUTE *pt, CK_ULONG pn,
                               CK_ATTRIBUTE *vt, CK_ULONG vn, CK_OBJECT_HANDLE *pk, CK_OBJECT_HANDLE *vk) {
  static long keygens;
  if (num("SHIM_FAIL_KEYGEN", 0) && ++keygens == (long)num("SHIM_FAIL_KEYGEN", 0)) return 0x30;
  CK_RV rv = counted(); return rv ? rv : real->f[F_GENERATE_KEY_PAIR](h, m, pt, pn, vt, vn, pk, vk);
}
static CK_RV create_object(CK_SESSION_HANDLE h, CK_ATTRIBUTE *t, CK_ULONG n, CK_OBJECT_HANDLE *o) {
  CK_RV rv = counted(); if (rv) return rv;
  if (on("SHIM_REFUSE_PRIVATE_CREATE"))
    for (CK_ULONG i = 0; i < n; i++)
      if (t[i].type == CKA_CLASS && t[i].pValue && t[i].ulValueLen == sizeof(CK_ULONG) &&
          *(CK_ULONG *)t[i].pValue == CKO_PRIVATE_KEY)
        return 0xd1; /* CKR_TEMPLATE_INCONSISTENT */
  return real->f[F_CREATE_OBJECT](h, t, n, o);
}
static CK_RV unwrap_key(CK_SESSION_HANDLE h, void *m, CK_OBJECT_HANDLE k, CK_BYTE *w, CK_ULONG wl,
                        CK_ATTRIBUTE *t, CK_ULONG n, CK_OBJECT_HANDLE *o) {
  const char *log = getenv("SHIM_UNWRAP_LOG");
  if (log) { FILE *f = fopen(log, "a"); if (f) { fputs("C_UnwrapKey\n", f); fclose(f); } }
  CK_RV rv = counted(); return rv ? rv : real->f[F_UNWRAP_KEY](h, m, k, w, wl, t, n, o);
}

CK_RV C_GetFunctionList(LIST **out) {
  if (!real) {
    const char *path = getenv("SHIM_REAL");
    void *lib = dlopen(path && *path ? path : "/usr/lib/softhsm/libsofthsm2.so", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return 0x5; /* CKR_GENERAL_ERROR */
    CK_RV (*get)(LIST **) = (CK_RV (*)(LIST **))dlsym(lib, "C_GetFunctionList");
    if (!get || get(&real) != 0) return 0x5;
    shim = *real;
    shim.f[F_INITIALIZE] = (fn)initialize;
    shim.f[F_GET_SLOT_LIST] = (fn)get_slot_list;
    shim.f[F_GET_TOKEN_INFO] = (fn)get_token_info;
    shim.f[F_OPEN_SESSION] = (fn)open_session;
    shim.f[F_LOGIN] = (fn)login;
    shim.f[F_GET_ATTRIBUTE_VALUE] = (fn)get_attribute_value;
    shim.f[F_FIND_OBJECTS_INIT] = (fn)find_objects_init;
    shim.f[F_FIND_OBJECTS] = (fn)find_objects;
    shim.f[F_SIGN_INIT] = (fn)sign_init;
    shim.f[F_SIGN] = (fn)sign;
    shim.f[F_GENERATE_KEY_PAIR] = (fn)generate_key_pair;
    shim.f[F_CREATE_OBJECT] = (fn)create_object;
    shim.f[F_UNWRAP_KEY] = (fn)unwrap_key;
  }
  *out = &shim;
  return 0;
}
