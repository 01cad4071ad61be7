package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func (a *App) runTUI(cmd *cobra.Command, _ []string) error {
	fmt.Fprintln(a.Err, "The terminal UI is not built yet. Meanwhile use the commands: graphtui --help")
	return nil
}
