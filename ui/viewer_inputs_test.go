package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// / opens an empty search: typing a new term must not append to the last
// one, while n still repeats the last search.
func TestViewerSearchStartsEmpty(t *testing.T) {
	v := vwViewer(54, 12)
	vwShow(v, vwUsersExchange(t, 40, false))
	v.Update(keyPress("/"))
	typeKeys(v, "JONI")
	v.Update(firstMsg(v.Update(keyPress("enter"))))
	if v.find.count() == 0 {
		t.Fatal("the first search found nothing")
	}
	v.Update(keyPress("/"))
	if got := v.searchIn.Value(); got != "" {
		t.Fatalf("the search input opens with %q, want it empty", got)
	}
	typeKeys(v, "Adele")
	if got := v.searchIn.Value(); got != "Adele" {
		t.Fatalf("typing gave %q, want only the new term", got)
	}
	v.Update(keyPress("esc")) // closes the input, the last search stays
	if v.find.query != "JONI" {
		t.Fatalf("esc in the input lost the last search (%q)", v.find.query)
	}
	cur := v.find.cur
	v.Update(keyPress("n"))
	if v.find.cur == cur {
		t.Fatal("n does not repeat the last search")
	}
}

// A name that is taken keeps the save input open with the reason, so the
// name can be changed; a free name then closes it.
func TestViewerSaveKeepsThePromptWhenTheFileExists(t *testing.T) {
	dir := t.TempDir()
	taken := filepath.Join(dir, "taken.json")
	if err := os.WriteFile(taken, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	v := vwViewer(80, 12)
	x := vwUsersExchange(t, 3, false)
	vwShow(v, x)
	save := func(name string) {
		t.Helper()
		v.Update(keyPress("ctrl+u"))
		typeKeys(v, name)
		msg, ok := firstMsg(v.Update(keyPress("enter"))).(saveBodyMsg)
		if !ok {
			t.Fatal("enter in the save input asks for no save")
		}
		v.Update(saveBody(msg.Path, x.Response.Body)()) // as the root runs it
	}
	v.Update(keyPress("s"))
	save(taken)
	if !v.Capturing() {
		t.Fatal("the save input closed although the file exists")
	}
	if got := vwView(t, v); !strings.Contains(got, "exists; choose another name") || !strings.Contains(got, "save body to:") {
		t.Fatalf("the error or the input is not on screen:\n%s", got)
	}
	free := filepath.Join(dir, "free.json")
	save(free)
	if v.Capturing() {
		t.Fatal("the save input stays open after a successful save")
	}
	if data, err := os.ReadFile(free); err != nil || !strings.Contains(string(data), "value") {
		t.Fatalf("the body was not written: %v", err)
	}
	if data, _ := os.ReadFile(taken); string(data) != "keep me" {
		t.Fatal("the existing file was changed")
	}
}
