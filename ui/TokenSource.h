#pragma once

// Where a token under inspection came from: what it claims to be changes which checks apply.
enum class TokenSource {
    Pasted,
    AccessToken, // the access_token of the token response on display
    IdToken, // its id_token
};
