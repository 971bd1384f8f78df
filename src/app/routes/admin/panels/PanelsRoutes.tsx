import { Match, Switch } from 'solid-js';
import { PanelForm } from './PanelForm';
import { PanelsPage } from './PanelsPage';
import { SelectionPage } from './SelectionPage';
import { SignupsPage } from './SignupsPage';

/** Where a panel id may appear in an address: the server's ids are UUIDs. */
const ID = '[0-9a-f-]{36}';

/** The panels pages under /admin/panels: the list, a new panel, one panel's form, sign-ups and selection. */
export function PanelsRoutes(props: { path: string }) {
  const part = (pattern: string) => new RegExp(`^/admin/panels/(${ID})${pattern}$`).exec(props.path)?.[1];
  return (
    <Switch fallback={<PanelsPage />}>
      <Match when={props.path === '/admin/panels/new'}>
        <PanelForm id={undefined} />
      </Match>
      <Match when={part('/signups')}>{(id) => <SignupsPage id={id()} />}</Match>
      <Match when={part('/selection')}>{(id) => <SelectionPage id={id()} />}</Match>
      <Match when={part('')}>{(id) => <PanelForm id={id()} />}</Match>
    </Switch>
  );
}
