package audit

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
)

// MaxHAR bounds a HAR file: recordings carry bodies, but one past this is
// not a session worth auditing in one go.
const MaxHAR = 256 << 20

// harFile is the part of a HAR (HTTP Archive 1.2) the audit reads: each
// entry's method and URL. Headers, cookies and bodies are never decoded
// into anything kept.
type harFile struct {
	Log *struct {
		Entries []struct {
			Request struct {
				Method string `json:"method"`
				URL    string `json:"url"`
			} `json:"request"`
		} `json:"entries"`
	} `json:"log"`
}

// HAR is what ReadHAR found: the calls to Graph and how many requests went
// elsewhere (a browser's recording holds sign-in pages, scripts, images).
type HAR struct {
	Calls   []Call
	Skipped int
}

// ReadHAR reads the Graph calls of a HAR file. isGraph says whether a
// URL's origin ("https://graph.microsoft.com") is a Graph host; requests
// to other origins and CORS preflights (OPTIONS) are counted in Skipped.
func ReadHAR(r io.Reader, isGraph func(origin string) bool) (HAR, error) {
	lr := &io.LimitedReader{R: r, N: MaxHAR + 1}
	var f harFile
	if err := json.NewDecoder(lr).Decode(&f); err != nil {
		if lr.N <= 0 {
			return HAR{}, fmt.Errorf("larger than %d MB: export only the app's requests", MaxHAR>>20)
		}
		return HAR{}, fmt.Errorf("not a HAR file (%v): export it from the browser's network panel with \"Save all as HAR\"", err)
	}
	if f.Log == nil {
		return HAR{}, errors.New(`not a HAR file: no "log" object; export it from the browser's network panel with "Save all as HAR"`)
	}
	var h HAR
	for _, e := range f.Log.Entries {
		m := strings.ToUpper(strings.TrimSpace(e.Request.Method))
		u, err := url.Parse(strings.TrimSpace(e.Request.URL))
		if m == "OPTIONS" || err != nil || !isGraph(u.Scheme+"://"+u.Host) {
			h.Skipped++
			continue
		}
		h.Calls = append(h.Calls, Call{Method: m, URL: e.Request.URL})
	}
	return h, nil
}
