const key = 'polarity.client-id';

/** A stable, anonymous id for this browser, so the server can tell clients apart. */
export function clientId(storage: Storage = localStorage): string {
  let id = storage.getItem(key);
  if (!id) {
    id = crypto.randomUUID();
    storage.setItem(key, id);
  }
  return id;
}
