#ifndef RECOUVRE_COPENSSL_SHIM_H
#define RECOUVRE_COPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/crypto.h>

/* HMAC-SHA256 of data under key into out (32 bytes). Returns 1 on success. */
static inline int rc_hmac_sha256(const void *key, int keyLength, const unsigned char *data, size_t dataLength, unsigned char *out) {
    unsigned int length = 0;
    /* A zero-length key is legal for HMAC, but OpenSSL wants a non-null pointer. */
    static const unsigned char empty = 0;
    return HMAC(EVP_sha256(), keyLength > 0 ? key : &empty, keyLength, data, dataLength, out, &length) != NULL && length == 32;
}

/* Constant-time comparison: 0 when equal. */
static inline int rc_memcmp_constant_time(const void *a, const void *b, size_t length) {
    return CRYPTO_memcmp(a, b, length);
}
#endif
