/**
 * The J-LIS JPKI root certificates (trust anchors) as public J-LIS publications
 * (https://www.jpki.go.jp/ca/index.html), embedded as base64url DER.
 *
 * Provenance: byte-identical to src/ta/{sign,auth}_ca_{2015,2023}.pem of jpki/myna (MIT, (c) 2017
 * HAMANO Tsukasa) at commit f85dc71a350e6aadafa3cce6354c7eeca1432a5e; facts checked with OpenSSL 3
 * (self-signature verifies, RSA-2048, sha256WithRSAEncryption). Generation 2 (2019) roots were not
 * available in text form and are not embedded: add them by fingerprint with {@link jpkiTrustAnchor}.
 * Each entry's DER is checked against its SHA-256 fingerprint when the anchors are used ([JPKI-14]).
 * @module
 */
import type { JpkiCertificateKind } from './read.js';

/** One JPKI trust anchor: a J-LIS root certificate pinned by its SHA-256 fingerprint. */
export interface JpkiTrustAnchorInfo {
  /** Which certificates it issues. */
  readonly kind: JpkiCertificateKind;
  /** J-LIS generation (1 = 2015, 2 = 2019, 3 = 2023). */
  readonly generation: number;
  /** Lower-case hex SHA-256 of the DER. */
  readonly sha256: string;
  /** base64url of the DER certificate. */
  readonly derBase64url: string;
  /** Validity, seconds since the epoch (informative). */
  readonly notBefore: number;
  readonly notAfter: number;
}

const SIGN_CA_2015: JpkiTrustAnchorInfo = {
  kind: 'sign',
  generation: 1,
  notBefore: 1445308828,
  notAfter: 1760885999,
  sha256: '19645405a1fe14377434bd55957628ac4038557c542403a2243f21c706fc9355',
  derBase64url:
    'MIIFETCCA_mgAwIBAgIBATANBgkqhkiG9w0BAQsFADCBgDELMAkGA1UEBhMCSlAxDTALBgNVBAoMBEpQS0kxIzAhBgNVBAsMGkpQ' +
    'S0kgZm9yIGRpZ2l0YWwgc2lnbmF0dXJlMT0wOwYDVQQLDDRKYXBhbiBBZ2VuY3kgZm9yIExvY2FsIEF1dGhvcml0eSBJbmZvcm1h' +
    'dGlvbiBTeXN0ZW1zMB4XDTE1MTAyMDAyNDAyOFoXDTI1MTAxOTE0NTk1OVowgYAxCzAJBgNVBAYTAkpQMQ0wCwYDVQQKDARKUEtJ' +
    'MSMwIQYDVQQLDBpKUEtJIGZvciBkaWdpdGFsIHNpZ25hdHVyZTE9MDsGA1UECww0SmFwYW4gQWdlbmN5IGZvciBMb2NhbCBBdXRo' +
    'b3JpdHkgSW5mb3JtYXRpb24gU3lzdGVtczCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBANfhWTqnpAtEvBNZGuhoXSo5' +
    'dzJLLhd-XuwNEz9VIZkWQbt3u3YmswI2szvojYQybMsLN-13DR9zCAesuSkBe80fyJUMi6brGoVIz1Q0HhhMLQj5jSnOvvijo4Zr' +
    'p89i3jl81l0X3942iTg8LyakAsaAHjyNeXCDB3rzR8_aqXpqX06tQRqIexYuk3JrWKn6TZ0Cy3UukYZDmypL-QaAYj8gIN5_FVPD' +
    'rowqeqdI8hysHzzACZbb47E0EMtJhL_3B9X8gyQ2pehsm5bBBYKS6UDp1MjFmLPpV6W2i7IUS0X-h38aSPwq7K1FxL7XnTqG_lwD' +
    'YSMzrXAVYWtqquC6KwECAwEAAaOCAZIwggGOMA4GA1UdDwEB_wQEAwIBBjCBrgYDVR0RBIGmMIGjpIGgMIGdMQswCQYDVQQGEwJK' +
    'UDEnMCUGA1UECgwe5YWs55qE5YCL5Lq66KqN6Ki844K144O844OT44K5MTAwLgYDVQQLDCflhaznmoTlgIvkurroqo3oqLzjgrXj' +
    'g7zjg5PjgrnnvbLlkI3nlKgxMzAxBgNVBAsMKuWcsOaWueWFrOWFseWbo-S9k-aDheWgseOCt-OCueODhuODoOapn-anizAPBgNV' +
    'HRMBAf8EBTADAQH_MIGaBgNVHR8EgZIwgY8wgYyggYmggYakgYMwgYAxCzAJBgNVBAYTAkpQMQ0wCwYDVQQKDARKUEtJMSMwIQYD' +
    'VQQLDBpKUEtJIGZvciBkaWdpdGFsIHNpZ25hdHVyZTE9MDsGA1UECww0SmFwYW4gQWdlbmN5IGZvciBMb2NhbCBBdXRob3JpdHkg' +
    'SW5mb3JtYXRpb24gU3lzdGVtczAdBgNVHQ4EFgQUDQNMuzTQcU9F5Focr9j9FD-rVKcwDQYJKoZIhvcNAQELBQADggEBAJWYNfX8' +
    '27RsgL0q6MAFfyMq-bUbi9Kz2FJm73u0_lM2Z03d4ZAam7InzwLIHol_vRA1TNbDcPthU7eMBu0PcrGfANWykjhvyu8KorM-Rlpc' +
    '3XNcyljhR96LcTWUTUdMmqH1ZVQNkDJF-ZATpxihwvnvKh700JwmrQZ2YySNw_7wulWqais90LGNHIYxYK1IJ5uv2Q18IPUbuzW-' +
    '1fwy6UPdA1OBdbdjX9LFCNK8EBSBs5nuelGnltbKIbtFPqfjWSOLib9o1TpTV1wHrRK542bWqPBKJGUl8hVuzmkYo8Lr9z6lL35N' +
    '1zWFiNfIHbKraaqmP5zCoz3RmYYWp0jCbJ8',
};

const SIGN_CA_2023: JpkiTrustAnchorInfo = {
  kind: 'sign',
  generation: 3,
  notBefore: 1689468627,
  notAfter: 2005052399,
  sha256: 'd227f6cde11d35c5252178f106f843d24651944975413b539fa2fb68dbfa365f',
  derBase64url:
    'MIIFFDCCA_ygAwIBAgIEBnxqITANBgkqhkiG9w0BAQsFADCBgDELMAkGA1UEBhMCSlAxDTALBgNVBAoMBEpQS0kxIzAhBgNVBAsM' +
    'GkpQS0kgZm9yIGRpZ2l0YWwgc2lnbmF0dXJlMT0wOwYDVQQLDDRKYXBhbiBBZ2VuY3kgZm9yIExvY2FsIEF1dGhvcml0eSBJbmZv' +
    'cm1hdGlvbiBTeXN0ZW1zMB4XDTIzMDcxNjAwNTAyN1oXDTMzMDcxNTE0NTk1OVowgYAxCzAJBgNVBAYTAkpQMQ0wCwYDVQQKDARK' +
    'UEtJMSMwIQYDVQQLDBpKUEtJIGZvciBkaWdpdGFsIHNpZ25hdHVyZTE9MDsGA1UECww0SmFwYW4gQWdlbmN5IGZvciBMb2NhbCBB' +
    'dXRob3JpdHkgSW5mb3JtYXRpb24gU3lzdGVtczCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBANi0xL81Wl6UyoSYgP4l' +
    'RONGzgOoHZLmhKYn7R78djBrh6ViwZ3UNT2gj1FbApWdPZxyPDG37RXJBzY4qjujYgWG5bDEnkRJfMGG-xsuHkQ1zBf2rxSbwmfW' +
    'jJmD0zriVKUmOJCbzNCZyZt6OreVjQcueeWx5nZYSzJt8yG6O9GQj-OE0UiN-zweAIfMDnP9kjGIzOG3ZoDnr-3wqv_WPfHkKZKk' +
    'nOl3oagtasKaHXZmZvmtiEpG1b70P2dlgeywDDpBCyfP-QpR5BrueXnHjvqX7G0uyGiQndL-DAt9cycIQergXIrMdOax2wDP_ZPS' +
    'e1SR1JIFKPDarfKZZUZ3iUkCAwEAAaOCAZIwggGOMA4GA1UdDwEB_wQEAwIBBjCBrgYDVR0RBIGmMIGjpIGgMIGdMQswCQYDVQQG' +
    'EwJKUDEnMCUGA1UECgwe5YWs55qE5YCL5Lq66KqN6Ki844K144O844OT44K5MTAwLgYDVQQLDCflhaznmoTlgIvkurroqo3oqLzj' +
    'grXjg7zjg5PjgrnnvbLlkI3nlKgxMzAxBgNVBAsMKuWcsOaWueWFrOWFseWbo-S9k-aDheWgseOCt-OCueODhuODoOapn-anizAP' +
    'BgNVHRMBAf8EBTADAQH_MIGaBgNVHR8EgZIwgY8wgYyggYmggYakgYMwgYAxCzAJBgNVBAYTAkpQMQ0wCwYDVQQKDARKUEtJMSMw' +
    'IQYDVQQLDBpKUEtJIGZvciBkaWdpdGFsIHNpZ25hdHVyZTE9MDsGA1UECww0SmFwYW4gQWdlbmN5IGZvciBMb2NhbCBBdXRob3Jp' +
    'dHkgSW5mb3JtYXRpb24gU3lzdGVtczAdBgNVHQ4EFgQU0h6lWJVhfpOtv5ZrlBq07fZT8I8wDQYJKoZIhvcNAQELBQADggEBANLq' +
    '5fwgQlvbowToAGecatiTa2rSCpRNNibDgNrqgorIvwS1mixEAItJWEpXaWq-3l_mN0cNW9kOZsH526Wy9XblvmsQm2CfTB8ltp7k' +
    'fkiIHIIg3OWnRBbxAd-I6AsvuiE8N3RIZBTKE5N_08WxlMPd03wkcgiyT6yu_G57tI7oS0e6FDW31BVdS4JyuXWHs78rgrxrGmcT' +
    '1L_I6TeG-cQn-MCCMp7TD5GXYtUdrx9Q2mmrSR7wf2ZNHiUtYq9hTkbnF0Mt4BUaEw1Bqtch0qlmVQG67YTUerI8rBIsDulJcwzD' +
    'eVZ5P0UD3TBwLmM9t088Bgrv6is7dFPT0JEqNwU',
};

const AUTH_CA_2015: JpkiTrustAnchorInfo = {
  kind: 'auth',
  generation: 1,
  notBefore: 1445310493,
  notAfter: 1760885999,
  sha256: '4dcfc4ca0aaf9fb2a3081b3f0c991c320b3acc008667a341eeaec5af1d58ca7d',
  derBase64url:
    'MIIFIDCCBAigAwIBAgIBATANBgkqhkiG9w0BAQsFADCBgjELMAkGA1UEBhMCSlAxDTALBgNVBAoMBEpQS0kxJTAjBgNVBAsMHEpQ' +
    'S0kgZm9yIHVzZXIgYXV0aGVudGljYXRpb24xPTA7BgNVBAsMNEphcGFuIEFnZW5jeSBmb3IgTG9jYWwgQXV0aG9yaXR5IEluZm9y' +
    'bWF0aW9uIFN5c3RlbXMwHhcNMTUxMDIwMDMwODEzWhcNMjUxMDE5MTQ1OTU5WjCBgjELMAkGA1UEBhMCSlAxDTALBgNVBAoMBEpQ' +
    'S0kxJTAjBgNVBAsMHEpQS0kgZm9yIHVzZXIgYXV0aGVudGljYXRpb24xPTA7BgNVBAsMNEphcGFuIEFnZW5jeSBmb3IgTG9jYWwg' +
    'QXV0aG9yaXR5IEluZm9ybWF0aW9uIFN5c3RlbXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQDErMrTwOIy0V7LHYCB' +
    'ttzaAqhetfooJf8F0YMSGVIBnZDzxKz4toNDWY4mN935Uo9saPTsTtsIRed5azFAekE3VhTKSrfhA39uGssJBUEifqxay3WY8XiA' +
    'IPE5jB5B8Gc6Ked9GvmzwA7TVNxg5M9q5I0-gxtJ2ocqMWOI7A8tfL2UpwOqyVYKRZVXjKIkBPIbYrNLdZrAki3FsCCyl7rR47NO' +
    't3sLZW1oz2fxJUZubD7oAXzKmZhofU9z3KQG6dgTaNzOpnPKhnxbTwXM68zQW52H8okir_6gJ23gAr-fR8Z-IMuKkCj7df-7Lv-a' +
    'b_3ZIncb01-QL5XEgHs7RLrHAgMBAAGjggGdMIIBmTAOBgNVHQ8BAf8EBAMCAQYwgbcGA1UdEQSBrzCBrKSBqTCBpjELMAkGA1UE' +
    'BhMCSlAxJzAlBgNVBAoMHuWFrOeahOWAi-S6uuiqjeiovOOCteODvOODk-OCuTE5MDcGA1UECwww5YWs55qE5YCL5Lq66KqN6Ki8' +
    '44K144O844OT44K55Yip55So6ICF6Ki85piO55SoMTMwMQYDVQQLDCrlnLDmlrnlhazlhbHlm6PkvZPmg4XloLHjgrfjgrnjg4bj' +
    'g6DmqZ_mp4swDwYDVR0TAQH_BAUwAwEB_zCBnAYDVR0fBIGUMIGRMIGOoIGLoIGIpIGFMIGCMQswCQYDVQQGEwJKUDENMAsGA1UE' +
    'CgwESlBLSTElMCMGA1UECwwcSlBLSSBmb3IgdXNlciBhdXRoZW50aWNhdGlvbjE9MDsGA1UECww0SmFwYW4gQWdlbmN5IGZvciBM' +
    'b2NhbCBBdXRob3JpdHkgSW5mb3JtYXRpb24gU3lzdGVtczAdBgNVHQ4EFgQUlWeVG1ynDYSg__HYWofxqrE0A4UwDQYJKoZIhvcN' +
    'AQELBQADggEBACJnlGS30OV191IiCvFKB2tGFS1Czn56eV4COTzlNr-Ghona96bCy6bCdQvcRrbOMFK_S71umIO9ITR_eYUHhyt5' +
    'aJv8wljNGctDUzvOzFvwkDs2HOLfv8n-_L8I6rRwIozyY58lUzcIFqe_gx0lLupQ9QsM-X_wiA-6oSyV8_yrM-c7aoGKRSQ_PFFV' +
    '1nVTS7G6VYDrKOMKsvrh4b5buK3JPk7hc7AqRMx4lFzyJg-tq6Qy62aL4lCoIqKfmPfp4-GManEfCsDi1JSYpauPmpFMCLM0B8ur' +
    'UUlfDS5W4rtH23D3wcUh1LVI8kMYnyc4mpKoe5eoqG8eCWkd0lz1ms4',
};

const AUTH_CA_2023: JpkiTrustAnchorInfo = {
  kind: 'auth',
  generation: 3,
  notBefore: 1689469264,
  notAfter: 2005052399,
  sha256: '64114f29620c24ed2631d46476a040e7ee740d956089c00b036a6a8118c322b5',
  derBase64url:
    'MIIFIzCCBAugAwIBAgIEBtGABjANBgkqhkiG9w0BAQsFADCBgjELMAkGA1UEBhMCSlAxDTALBgNVBAoMBEpQS0kxJTAjBgNVBAsM' +
    'HEpQS0kgZm9yIHVzZXIgYXV0aGVudGljYXRpb24xPTA7BgNVBAsMNEphcGFuIEFnZW5jeSBmb3IgTG9jYWwgQXV0aG9yaXR5IElu' +
    'Zm9ybWF0aW9uIFN5c3RlbXMwHhcNMjMwNzE2MDEwMTA0WhcNMzMwNzE1MTQ1OTU5WjCBgjELMAkGA1UEBhMCSlAxDTALBgNVBAoM' +
    'BEpQS0kxJTAjBgNVBAsMHEpQS0kgZm9yIHVzZXIgYXV0aGVudGljYXRpb24xPTA7BgNVBAsMNEphcGFuIEFnZW5jeSBmb3IgTG9j' +
    'YWwgQXV0aG9yaXR5IEluZm9ybWF0aW9uIFN5c3RlbXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQDdxNt-xeqB9O50' +
    'CBx2IjT3ffw8G_wOfwQJ2RfPHTuwBoudurxDlvqX5MPWlZpFaKNpbY0oWjOsA4BuLW40bS6BW-zmdvYIZvtuxKuy5U613FGV0UbM' +
    '7UT2s4Z_Wk4QJ-B6sFQnnoQlyzbDL3x70GQ-oQMo8To0sFbqoRWUQAu3QoDUNb_H0_k8PxZwhtUYY2q5kaNbtlI4q-0u-qnQXizX' +
    'OPx1PJEvPsv0EQyE0-7aiSZ5kdiuDvZ9VdUXqiJHUnEljCYFRRiRJ4LlugEGwqMVWr0vU-2UTg-K4vT6ESYxjTAfjgNlR1kWPEs_' +
    '1UEblqfrJQo_25rTxoQd4_WXyJofAgMBAAGjggGdMIIBmTAOBgNVHQ8BAf8EBAMCAQYwgbcGA1UdEQSBrzCBrKSBqTCBpjELMAkG' +
    'A1UEBhMCSlAxJzAlBgNVBAoMHuWFrOeahOWAi-S6uuiqjeiovOOCteODvOODk-OCuTE5MDcGA1UECwww5YWs55qE5YCL5Lq66KqN' +
    '6Ki844K144O844OT44K55Yip55So6ICF6Ki85piO55SoMTMwMQYDVQQLDCrlnLDmlrnlhazlhbHlm6PkvZPmg4XloLHjgrfjgrnj' +
    'g4bjg6DmqZ_mp4swDwYDVR0TAQH_BAUwAwEB_zCBnAYDVR0fBIGUMIGRMIGOoIGLoIGIpIGFMIGCMQswCQYDVQQGEwJKUDENMAsG' +
    'A1UECgwESlBLSTElMCMGA1UECwwcSlBLSSBmb3IgdXNlciBhdXRoZW50aWNhdGlvbjE9MDsGA1UECww0SmFwYW4gQWdlbmN5IGZv' +
    'ciBMb2NhbCBBdXRob3JpdHkgSW5mb3JtYXRpb24gU3lzdGVtczAdBgNVHQ4EFgQUGsEA9ZajvIxLPfGV4yaZJJ6eMIowDQYJKoZI' +
    'hvcNAQELBQADggEBAHB2MubK1YUwFd6zUQrinYXdkbXKGcm7X7Wfe8bRkxr6PGDeQgWjggCJ44HrU8UZPAec7oCzqey0wQTqziBV' +
    'jyd98ntWlVV5SrgXeaWbfgI51MgWs5j3a8hrCPAwwcRi9XgTFgGvmwjAORrMaNueGkqAK_1YFs9TGuiJxIc8Tm0w_bVGNoS4eJ0u' +
    'yamqsLQroA9_pHCkp0AehFv4eonhiP8T3OsaiMG38JCb5a9K7FDfrwd3T4-zjDIbecJL-viI0psHWwVmoyBBLXNBMjA5kKIqDYaY' +
    'o6jsd7yoViTGcDpoYeRynal5yjkGyXigSal-staD3P6Yf7dJb0HX0gA0KRA',
};

/**
 * The J-LIS roots embedded in this library, by kind and generation. Generation 1 roots expired on
 * 2025-10-19 but still validate certificates at earlier times (historic verification).
 */
export const JPKI_TRUST_ANCHORS: readonly JpkiTrustAnchorInfo[] = Object.freeze([
  SIGN_CA_2015,
  SIGN_CA_2023,
  AUTH_CA_2015,
  AUTH_CA_2023,
]);
