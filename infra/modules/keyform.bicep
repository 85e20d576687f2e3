// The form of a link signing key, checked at deployment. Kept apart so tests can evaluate it with the Bicep CLI.

// Bytes a base64 key decodes to, or 0 when it is not base64: the app decodes Links:SigningKey with
// Convert.FromBase64String and needs at least 32 bytes, and the Key Vault module refuses fewer at deployment.
@export()
func base64KeyBytes(key string) int =>
  base64Padding(key, reduce(
    map(range(0, 64), i => substring('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', i, 1)),
    key,
    (rest, c) => replace(rest, c, '')
  ))

// What is left of the key after removing the alphabet may only be its final padding.
func base64Padding(key string, rest string) int =>
  !empty(key) && length(key) % 4 == 0 && length(rest) <= 2 && replace(rest, '=', '') == '' && endsWith(key, rest)
    ? length(key) / 4 * 3 - length(rest)
    : 0
