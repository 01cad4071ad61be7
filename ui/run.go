package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"
)

// Run shows the UI until the user quits or ctx ends.
func Run(ctx context.Context, o Options) error {
	_, err := tea.NewProgram(New(o), tea.WithContext(ctx)).Run()
	if err == tea.ErrProgramKilled && ctx.Err() != nil {
		return nil
	}
	return err
}
