// The keychain as a module that oauth-debugger-cli loads only when it needs a secret from the keychain
// (DeferredKeychainStore). qtkeychain brings Qt D-Bus, libdbus, libsystemd and libgcrypt: loading them at
// every start cost more than the whole token request with the secret given on the command line.
#include "KeychainSecretStore.h"

extern "C" Q_DECL_EXPORT SecretStore *oauthDebuggerCreateKeychainStore()
{
    return new KeychainSecretStore();
}
