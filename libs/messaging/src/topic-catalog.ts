import type { TopicDefinition } from '@welkom/events';

/** The topics this service may publish to and subscribe to: the registry plus any the app adds (tests). */
export class TopicCatalog {
  private readonly byName: ReadonlyMap<string, TopicDefinition<unknown>>;

  constructor(definitions: Iterable<TopicDefinition<unknown>>) {
    this.byName = new Map([...definitions].map((definition) => [definition.name, definition]));
  }

  get(name: string): TopicDefinition<unknown> | undefined {
    return this.byName.get(name);
  }

  all(): TopicDefinition<unknown>[] {
    return [...this.byName.values()];
  }

  asMap(): ReadonlyMap<string, TopicDefinition<unknown>> {
    return this.byName;
  }

  /**
   * Refuses a topic that was not declared. Brokers do not auto-create topics, so an outbox row for an
   * unknown topic could never be published and would hold up every row after it.
   */
  assertDeclared(topic: Pick<TopicDefinition<unknown>, 'name'>): void {
    if (!this.byName.has(topic.name)) throw new Error(`Topic ${topic.name} is not declared in the topic registry`);
  }
}
