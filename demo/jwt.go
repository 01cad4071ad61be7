package demo

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1" //nolint:gosec // x5t is defined as a SHA-1 thumbprint (RFC 7515 §4.1.7)
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Small JWT toolkit: just enough to sign the tenant's access tokens (RS256)
// and to check the client assertions MSAL sends (PS256, or RS256 from older
// libraries). Claims are written in a fixed order so tokens read like real ones.

var b64 = base64.RawURLEncoding

// jwtHeader holds the header fields the tenant reads.
type jwtHeader struct {
	Alg     string `json:"alg"`
	Kid     string `json:"kid"`
	X5t     string `json:"x5t"`      // SHA-1 certificate thumbprint
	X5tS256 string `json:"x5t#S256"` // SHA-256 certificate thumbprint (MSAL)
}

// parsedJWT is a decoded but not yet verified token.
type parsedJWT struct {
	header       jwtHeader
	claims       map[string]any
	signingInput string
	signature    []byte
}

func parseJWT(token string) (*parsedJWT, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, fmt.Errorf("a JWT has 3 dot-separated parts, this one has %d", len(parts))
	}
	var p parsedJWT
	rawHeader, err := b64.DecodeString(parts[0])
	if err != nil {
		return nil, errors.New("the JWT header is not base64url")
	}
	if err := json.Unmarshal(rawHeader, &p.header); err != nil {
		return nil, errors.New("the JWT header is not a JSON object")
	}
	rawClaims, err := b64.DecodeString(parts[1])
	if err != nil {
		return nil, errors.New("the JWT payload is not base64url")
	}
	dec := json.NewDecoder(bytes.NewReader(rawClaims))
	dec.UseNumber()
	if err := dec.Decode(&p.claims); err != nil {
		return nil, errors.New("the JWT payload is not a JSON object")
	}
	if p.signature, err = b64.DecodeString(parts[2]); err != nil {
		return nil, errors.New("the JWT signature is not base64url")
	}
	p.signingInput = parts[0] + "." + parts[1]
	return &p, nil
}

// verify checks the signature with key. RS256 and PS256 are accepted.
func (p *parsedJWT) verify(key *rsa.PublicKey) error {
	digest := sha256.Sum256([]byte(p.signingInput))
	switch p.header.Alg {
	case "RS256":
		return rsa.VerifyPKCS1v15(key, crypto.SHA256, digest[:], p.signature)
	case "PS256":
		return rsa.VerifyPSS(key, crypto.SHA256, digest[:], p.signature, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthAuto})
	default:
		return fmt.Errorf("unsupported signing algorithm %q", p.header.Alg)
	}
}

// str returns a string claim, "" when absent or not a string.
func (p *parsedJWT) str(name string) string {
	s, _ := p.claims[name].(string)
	return s
}

// unix returns a NumericDate claim; ok is false when absent or not a number.
func (p *parsedJWT) unix(name string) (time.Time, bool) {
	n, ok := p.claims[name].(json.Number)
	if !ok {
		return time.Time{}, false
	}
	f, err := n.Float64()
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(int64(f), 0), true
}

// strings returns a string-array claim.
func (p *parsedJWT) strings(name string) []string {
	raw, _ := p.claims[name].([]any)
	var out []string
	for _, v := range raw {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// tokenSigner signs the tenant's access tokens. Its certificate is published
// in the JWKS (x5c), as the real identity platform does.
type tokenSigner struct {
	key     *rsa.PrivateKey
	kid     string // base64url SHA-1 thumbprint of cert, also sent as x5t
	certB64 string // standard base64 DER, for x5c
}

func newTokenSigner() (*tokenSigner, error) {
	key, err := processKey("token-signing")
	if err != nil {
		return nil, err
	}
	cert, err := selfSignedRSA(key, "graphtui demo token signing", 365*24*time.Hour)
	if err != nil {
		return nil, err
	}
	thumb := sha1.Sum(cert.Raw) //nolint:gosec // x5t is SHA-1 by definition
	return &tokenSigner{
		key:     key,
		kid:     b64.EncodeToString(thumb[:]),
		certB64: base64.StdEncoding.EncodeToString(cert.Raw),
	}, nil
}

// sign returns a compact RS256 JWT over claims.
func (s *tokenSigner) sign(claims ordered) (string, error) {
	header := ordered{{"typ", "JWT"}, {"alg", "RS256"}, {"x5t", s.kid}, {"kid", s.kid}}
	return signRS256(s.key, header, claims)
}

func signRS256(key *rsa.PrivateKey, header, claims ordered) (string, error) {
	h, err := json.Marshal(header)
	if err != nil {
		return "", err
	}
	c, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	input := b64.EncodeToString(h) + "." + b64.EncodeToString(c)
	digest := sha256.Sum256([]byte(input))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, digest[:])
	if err != nil {
		return "", err
	}
	return input + "." + b64.EncodeToString(sig), nil
}

// RSA keys are slow enough to generate that a test binary starting dozens of
// tenants would notice, so each process makes each named key once. TLS
// material, which is cheap, is still fresh for every tenant.
var (
	processKeysMu sync.Mutex
	processKeys   = map[string]*rsa.PrivateKey{}
)

func processKey(name string) (*rsa.PrivateKey, error) {
	processKeysMu.Lock()
	defer processKeysMu.Unlock()
	if k, ok := processKeys[name]; ok {
		return k, nil
	}
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	processKeys[name] = k
	return k, nil
}

func selfSignedRSA(key *rsa.PrivateKey, commonName string, validity time.Duration) (*x509.Certificate, error) {
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: randomSerial(),
		Subject:      pkix.Name{CommonName: commonName},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(validity),
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	return x509.ParseCertificate(der)
}
