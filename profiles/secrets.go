package profiles

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/graphtui/graphtui/internal/fileio"
)

// Secrets resolves the secret references of a profile (client_secret,
// certificate_password) into the secrets themselves, at the moment a token
// is needed, so the secret never sits in the config or in graphtui's state
// longer than necessary.
type Secrets struct {
	LookupEnv  func(string) (string, bool) // nil means os.LookupEnv
	Keyring    Keyring                     // nil: keyring: references fail with a clear error
	CmdTimeout time.Duration               // bound on cmd: references; 0 means DefaultCmdTimeout
	// KeyringTimeout bounds keyring: references whatever the Keyring is;
	// 0 means DefaultKeyringTimeout.
	KeyringTimeout time.Duration
}

// DefaultCmdTimeout leaves room for password managers that ask the user to
// unlock them, yet stops a stuck command from hanging graphtui.
const DefaultCmdTimeout = 30 * time.Second

// maxSecretFile caps file: references; a secret is never this large, so a
// bigger file is the wrong file.
const maxSecretFile = 64 << 10

// Resolve returns the secret a reference points at. Errors name the
// reference but never contain the secret or a command's output.
func (s Secrets) Resolve(ctx context.Context, ref string) (string, error) {
	kind, rest, ok := splitReference(ref)
	if !ok {
		return "", errors.New(`the secret is not a reference (the value is not shown); use "env:VAR", "cmd:COMMAND ARGS", "file:PATH" or "keyring:NAME"`)
	}
	if strings.TrimSpace(rest) == "" {
		return "", fmt.Errorf("the %q reference is empty; write what follows the colon, e.g. %q", kind, exampleRef(kind))
	}
	switch kind {
	case refEnv:
		return s.fromEnv(rest)
	case refCmd:
		return s.fromCommand(ctx, rest)
	case refFile:
		return fromFile(rest)
	default:
		return s.fromKeyring(ctx, rest)
	}
}

func (s Secrets) fromEnv(name string) (string, error) {
	lookup := s.LookupEnv
	if lookup == nil {
		lookup = os.LookupEnv
	}
	v, ok := lookup(name)
	switch {
	case !ok:
		return "", fmt.Errorf("environment variable %s (from env:%s) is not set; export it before running graphtui", name, name)
	case v == "":
		return "", fmt.Errorf("environment variable %s (from env:%s) is empty; set it to the secret's value", name, name)
	}
	return v, nil
}

func (s Secrets) fromCommand(ctx context.Context, line string) (string, error) {
	args, err := splitCommand(line)
	if err != nil {
		return "", fmt.Errorf("cmd: reference: %v", err)
	}
	timeout := s.CmdTimeout
	if timeout <= 0 {
		timeout = DefaultCmdTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	var stdout bytes.Buffer
	stderr := &tailBuffer{max: 200}
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = &stdout, stderr
	// A child that keeps our pipes open must not keep us waiting.
	cmd.WaitDelay = time.Second
	err = cmd.Run()
	// Only the program name is shown: arguments can be sensitive.
	program := args[0]
	switch {
	case ctx.Err() == context.DeadlineExceeded:
		return "", fmt.Errorf("cmd: %s did not finish within %s; check that it runs without prompting, or raise the timeout", program, timeout)
	case ctx.Err() != nil:
		return "", fmt.Errorf("cmd: %s: %w", program, ctx.Err())
	case errors.Is(err, exec.ErrNotFound):
		return "", fmt.Errorf("cmd: %s: program not found; install it or write its full path", program)
	case err != nil:
		msg := fmt.Sprintf("cmd: %s failed (%v)", program, err)
		if tail := strings.TrimSpace(stderr.String()); tail != "" {
			msg += "; it said: " + tail
		}
		return "", errors.New(msg + "; run the command yourself to see what is wrong")
	}
	secret := strings.TrimRight(stdout.String(), "\r\n")
	if secret == "" {
		return "", fmt.Errorf("cmd: %s printed nothing; it must print the secret on standard output", program)
	}
	return secret, nil
}

func fromFile(path string) (string, error) {
	path, err := expandHome(path)
	if err != nil {
		return "", err
	}
	data, err := fileio.ReadRegular(path, maxSecretFile)
	switch {
	case errors.Is(err, fileio.ErrTooLarge):
		return "", fmt.Errorf("file:%s is larger than %d KiB, too large for a secret; check the path", path, maxSecretFile>>10)
	case err != nil:
		return "", fmt.Errorf("file:%s: cannot read the secret: %v", path, err)
	}
	secret := strings.TrimRight(string(data), "\r\n")
	if secret == "" {
		return "", fmt.Errorf("file:%s is empty; write the secret into it", path)
	}
	return secret, nil
}

func (s Secrets) fromKeyring(ctx context.Context, name string) (string, error) {
	if s.Keyring == nil {
		return "", fmt.Errorf("keyring:%s: no keyring is available here; use an env:, file: or cmd: reference", name)
	}
	type result struct {
		secret string
		err    error
	}
	done := make(chan result, 1)
	go func() {
		secret, err := s.Keyring.Get(KeyringService, name)
		done <- result{secret, err}
	}()
	timeout := s.KeyringTimeout
	if timeout <= 0 {
		timeout = DefaultKeyringTimeout
	}
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	var r result
	select {
	case r = <-done:
	case <-ctx.Done():
		return "", fmt.Errorf("keyring:%s: %w", name, ctx.Err())
	case <-timer.C:
		// The call goes on in the background; there is no way to stop it.
		return "", fmt.Errorf("keyring:%s: the keyring did not answer within %s (on Linux it needs a running Secret Service such as gnome-keyring); %s",
			name, timeout, keyringAdvice)
	}
	switch {
	case errors.Is(r.err, ErrSecretNotFound):
		return "", fmt.Errorf("keyring:%s: no such secret under service %q; store it first (macOS: security add-generic-password -s %s -a %s -w; "+
			"Linux: secret-tool store --label=graphtui service %s username %s)", name, KeyringService, KeyringService, name, KeyringService, name)
	case r.err != nil:
		return "", fmt.Errorf("keyring:%s: %w", name, r.err)
	case r.secret == "":
		return "", fmt.Errorf("keyring:%s: the stored secret is empty", name)
	}
	return r.secret, nil
}

// splitCommand splits a cmd: reference into program and arguments, without
// a shell: spaces separate words, '...' and "..." group them, and a
// backslash escapes the next character (inside "..." only \" and \\).
func splitCommand(line string) ([]string, error) {
	var (
		args    []string
		word    strings.Builder
		inWord  bool
		quote   rune
		escaped bool
	)
	for _, r := range line {
		switch {
		case escaped:
			if quote == '"' && r != '"' && r != '\\' {
				word.WriteRune('\\') // as in a shell: "\n" stays a backslash and an n
			}
			word.WriteRune(r)
			escaped = false
		case quote == '\'':
			if r == '\'' {
				quote = 0
			} else {
				word.WriteRune(r)
			}
		case quote == '"':
			switch r {
			case '"':
				quote = 0
			case '\\':
				escaped = true
			default:
				word.WriteRune(r)
			}
		case r == '\\':
			escaped, inWord = true, true
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			if inWord {
				args = append(args, word.String())
				word.Reset()
				inWord = false
			}
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	switch {
	case quote != 0:
		return nil, fmt.Errorf("unterminated %c quote", quote)
	case escaped:
		return nil, errors.New("ends with a lone backslash")
	}
	if inWord {
		args = append(args, word.String())
	}
	if len(args) == 0 {
		return nil, errors.New("no command given")
	}
	return args, nil
}

// tailBuffer keeps the last max bytes written: enough of a failing
// command's stderr to explain it, not a flood.
type tailBuffer struct {
	buf []byte
	max int
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.buf = append(t.buf, p...)
	if len(t.buf) > t.max {
		t.buf = t.buf[len(t.buf)-t.max:]
	}
	return len(p), nil
}

func (t *tailBuffer) String() string { return string(t.buf) }
