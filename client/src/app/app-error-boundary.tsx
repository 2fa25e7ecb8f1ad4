import { Component, type ErrorInfo, type ReactNode } from "react";

interface State {
  error: Error | null;
}

/** The last line of defence: a broken render shows a way back, never a blank page. */
export class AppErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error("casegraph crashed while rendering", error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <main className="page page--centered">
        <h1>Something went wrong</h1>
        <p>casegraph hit an unexpected error: {this.state.error.message}</p>
        <p>
          <a href={window.location.href}>Reload this view</a> or <a href="/">start again</a>.
        </p>
      </main>
    );
  }
}
