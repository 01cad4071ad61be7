package ui

import (
	"context"
	"errors"

	tea "charm.land/bubbletea/v2"
)

// Run shows the UI until the user quits or ctx ends.
func Run(ctx context.Context, o Options) error {
	if o.Backend != nil && o.Backend.Clipboard == nil {
		o.Backend.Clipboard = SystemClipboard()
	}
	return run(ctx, o)
}

func run(ctx context.Context, o Options, opts ...tea.ProgramOption) error {
	_, err := tea.NewProgram(New(o), append([]tea.ProgramOption{tea.WithContext(ctx)}, opts...)...).Run()
	// A signal (closed terminal, kill, Ctrl+C from outside) ends ctx: Bubble
	// Tea has restored the terminal by now, and leaving is what the user
	// asked for, as with q. Run wraps the context's error, so test with Is.
	if ctx.Err() != nil && (errors.Is(err, tea.ErrProgramKilled) || errors.Is(err, tea.ErrInterrupted)) {
		return nil
	}
	return err
}
