import { useEffect, useState } from 'react';

/** Chromium's install offer; not in TypeScript's DOM types. */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** "Install", only where the browser offers to install the app and until it is installed. */
export function InstallButton() {
  const [offer, setOffer] = useState<BeforeInstallPromptEvent | null>(null);
  useEffect(() => {
    const keep = (event: Event) => {
      // The app shows its own button instead of the browser's mini-infobar.
      event.preventDefault();
      setOffer(event as BeforeInstallPromptEvent);
    };
    const installed = () => setOffer(null);
    window.addEventListener('beforeinstallprompt', keep);
    window.addEventListener('appinstalled', installed);
    return () => {
      window.removeEventListener('beforeinstallprompt', keep);
      window.removeEventListener('appinstalled', installed);
    };
  }, []);
  if (!offer) return null;
  return (
    <button
      type="button"
      className="header-button"
      data-testid="install-app"
      onClick={async () => {
        await offer.prompt();
        const { outcome } = await offer.userChoice;
        if (outcome === 'accepted') setOffer(null);
      }}
    >
      Install
    </button>
  );
}
