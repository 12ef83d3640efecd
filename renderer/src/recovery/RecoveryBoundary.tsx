/** Catches render errors below it and shows 正在恢复 while `recovery` reloads the page. */
import { Component, useSyncExternalStore, type ReactNode } from 'react';
import { RecoveringScreen } from './RecoveringScreen';
import type { Recovery } from './recovery';

interface Props {
  recovery: Recovery;
  children: ReactNode;
}

class RenderErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch() {
    this.props.recovery.fault('renderError');
  }

  override render() {
    return this.state.failed ? <RecoveringScreen /> : this.props.children;
  }
}

/** The app, or 正在恢复 once any fault (render, window, promise) has been caught. */
export function RecoveryBoundary({ recovery, children }: Props) {
  const recovering = useSyncExternalStore(recovery.subscribe, recovery.recovering);
  if (recovering) return <RecoveringScreen />;
  return <RenderErrorBoundary recovery={recovery}>{children}</RenderErrorBoundary>;
}
